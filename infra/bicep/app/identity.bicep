// User-assigned identities: one per workload, so each gets only the roles it needs.
// The KEDA scaler has its own identity because reading the queue length needs Manage rights (Azure
// Service Bus Data Owner on the queue), more than the runner's Receiver role: the runner identity
// keeps Receiver, and the scaler identity is usable only by the platform's scale rule.

param location string
param tags object
param functionsIdentityName string
param runnerIdentityName string
param scalerIdentityName string

resource functionsIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: functionsIdentityName
  location: location
  tags: tags
}

resource runnerIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: runnerIdentityName
  location: location
  tags: tags
}

resource scalerIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: scalerIdentityName
  location: location
  tags: tags
}

output functionsIdentityId string = functionsIdentity.id
output functionsClientId string = functionsIdentity.properties.clientId
output functionsPrincipalId string = functionsIdentity.properties.principalId
output runnerIdentityId string = runnerIdentity.id
output runnerClientId string = runnerIdentity.properties.clientId
output runnerPrincipalId string = runnerIdentity.properties.principalId
output scalerIdentityId string = scalerIdentity.id
output scalerPrincipalId string = scalerIdentity.properties.principalId
