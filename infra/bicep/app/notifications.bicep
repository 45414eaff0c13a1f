// Job notifications in Azure: the Event Grid custom topic every job's phase changes are published to
// (CloudEvents 1.0, Entra ID only: no access keys), and the Key Vault holding the HMAC key that signs
// webhook requests, read by the Functions app through a Key Vault reference (RBAC, no access policies).

param location string
param tags object
param topicName string
param keyVaultName string

@secure()
@description('The webhook signing key (Notifications:WebhookSecret).')
param webhookSecret string

resource topic 'Microsoft.EventGrid/topics@2025-02-15' = {
  name: topicName
  location: location
  tags: tags
  properties: {
    inputSchema: 'CloudEventSchemaV1_0'
    // Publishers authenticate with Entra ID (the Functions app's identity holds EventGrid Data Sender on this topic).
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
  }
}

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: keyVaultName
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }

  resource webhookSigningKey 'secrets' = {
    name: 'notifications-webhook-secret'
    properties: {
      value: webhookSecret
      contentType: 'text/plain'
    }
  }
}

output topicName string = topic.name
output topicEndpoint string = topic.properties.endpoint
output keyVaultName string = vault.name
output webhookSigningKeyName string = vault::webhookSigningKey.name
output webhookSigningKeyUri string = vault::webhookSigningKey.properties.secretUri
