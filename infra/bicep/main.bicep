// Fine-tuning platform: everything `azd up` provisions. Subscription scope: the resource group is
// part of the template. One module per concern under app/; no registry modules, so the template
// builds offline (tests/Infrastructure.Tests runs `bicep build` and `bicep lint`).
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; seeds every resource name.')
param environmentName string

@minLength(1)
@description('Region for all resources. It must offer Flex Consumption and, unless runnerCompute is CPU, serverless GPUs in Container Apps.')
param location string

@description('Object id of the user running azd, granted data access to the storage account. Empty to skip.')
param principalId string = ''

@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param principalType string = 'User'

@description('Runner compute: serverless GPU T4 (default), serverless GPU A100, or CPU for a cheap trial.')
@allowed([
  'T4'
  'A100'
  'CPU'
])
param runnerCompute string = 'T4'

@description('Most runner executions at once (bounded by the GPU quota).')
@minValue(1)
param runnerMaxExecutions int = 2

@description('Runner image; azd fills it after the first deploy so that re-provisioning keeps it.')
param runnerImageName string = ''

@description('Client id of the Microsoft Entra ID app registration users sign in to the web console with (docs/deploy.md). Empty: no console in Azure; the API works the same.')
param consoleSignInClientId string = ''

@description('Tenant of that app registration.')
param consoleSignInTenantId string = tenant().tenantId

@secure()
@description('The console\'s function key (azd: CONSOLE_API_KEY). Empty: consoleApiKeyFallback, a new key at each deployment.')
param consoleApiKey string = ''

@secure()
@description('The console\'s key where consoleApiKey is empty; a parameter only because newGuid() may only be a default.')
param consoleApiKeyFallback string = newGuid()

@secure()
@description('The key that signs webhook notifications (azd: NOTIFICATIONS_WEBHOOK_SECRET), kept in Key Vault. Empty: notificationsWebhookSecretFallback, a new key at each deployment.')
param notificationsWebhookSecret string = ''

@secure()
@description('The signing key where notificationsWebhookSecret is empty; a parameter only because newGuid() may only be a default.')
param notificationsWebhookSecretFallback string = newGuid()

@description('More origins that may upload to datasets from a browser, besides the Functions app itself.')
param uploadAllowedOrigins array = []

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var functionAppName = '${abbrs.webSitesFunctions}${resourceToken}'
var deploymentContainerName = 'app-package-${take(functionAppName, 32)}-${take(resourceToken, 7)}'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    location: location
    tags: tags
    functionsIdentityName: '${abbrs.managedIdentityUserAssignedIdentities}func-${resourceToken}'
    runnerIdentityName: '${abbrs.managedIdentityUserAssignedIdentities}runner-${resourceToken}'
    scalerIdentityName: '${abbrs.managedIdentityUserAssignedIdentities}scaler-${resourceToken}'
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    location: location
    tags: tags
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: '${abbrs.insightsComponents}${resourceToken}'
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    location: location
    tags: tags
    storageAccountName: '${abbrs.storageStorageAccounts}${resourceToken}'
    deploymentContainerName: deploymentContainerName
    uploadAllowedOrigins: union([ 'https://${functionAppName}.azurewebsites.net' ], uploadAllowedOrigins)
  }
}

module serviceBus 'app/servicebus.bicep' = {
  name: 'servicebus'
  scope: rg
  params: {
    location: location
    tags: tags
    serviceBusNamespaceName: '${abbrs.serviceBusNamespaces}${resourceToken}'
  }
}

module notifications 'app/notifications.bicep' = {
  name: 'notifications'
  scope: rg
  params: {
    location: location
    tags: tags
    topicName: '${abbrs.eventGridDomainsTopics}jobs-${resourceToken}'
    keyVaultName: '${abbrs.keyVaultVaults}${resourceToken}'
    webhookSecret: empty(notificationsWebhookSecret) ? notificationsWebhookSecretFallback : notificationsWebhookSecret
  }
}

module functions 'app/functions.bicep' = {
  name: 'functions'
  scope: rg
  // The host starts as soon as the site exists and opens its storage (AzureWebJobsStorage, the
  // deployment package) with the identity: without its roles the first start fails with 403.
  // Entra ID may still take a few minutes to apply a new assignment; the host retries its start.
  dependsOn: [
    rbac
  ]
  params: {
    location: location
    tags: tags
    planName: '${abbrs.webServerFarms}${resourceToken}'
    functionAppName: functionAppName
    identityId: identity.outputs.functionsIdentityId
    identityClientId: identity.outputs.functionsClientId
    storageAccountName: storage.outputs.storageAccountName
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerName: deploymentContainerName
    serviceBusFullyQualifiedNamespace: serviceBus.outputs.fullyQualifiedNamespace
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    consoleSignInClientId: consoleSignInClientId
    consoleSignInTenantId: consoleSignInTenantId
    consoleApiKey: empty(consoleApiKey) ? consoleApiKeyFallback : consoleApiKey
    jobEventsTopicEndpoint: notifications.outputs.topicEndpoint
    webhookSigningKeyUri: notifications.outputs.webhookSigningKeyUri
  }
}

module registry 'app/registry.bicep' = {
  name: 'registry'
  scope: rg
  params: {
    location: location
    tags: tags
    registryName: '${abbrs.containerRegistryRegistries}${resourceToken}'
  }
}

module containerAppsEnvironment 'app/container-apps-environment.bicep' = {
  name: 'container-apps-environment'
  scope: rg
  params: {
    location: location
    tags: tags
    environmentName: '${abbrs.appManagedEnvironments}${resourceToken}'
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsWorkspaceId
    runnerCompute: runnerCompute
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageAccountName: storage.outputs.storageAccountName
    serviceBusNamespaceName: serviceBus.outputs.serviceBusNamespaceName
    trainingJobsQueueName: serviceBus.outputs.trainingJobsQueueName
    registryName: registry.outputs.registryName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    functionsPrincipalId: identity.outputs.functionsPrincipalId
    runnerPrincipalId: identity.outputs.runnerPrincipalId
    scalerPrincipalId: identity.outputs.scalerPrincipalId
    userPrincipalId: principalId
    userPrincipalType: principalType
    jobEventsTopicName: notifications.outputs.topicName
    keyVaultName: notifications.outputs.keyVaultName
    webhookSigningKeyName: notifications.outputs.webhookSigningKeyName
  }
}

module runnerJob 'app/runner-job.bicep' = {
  name: 'runner-job'
  scope: rg
  // The job pulls its image and polls the queue as soon as it exists: roles first.
  dependsOn: [
    rbac
  ]
  params: {
    location: location
    tags: tags
    jobName: '${abbrs.appJobs}runner-${resourceToken}'
    environmentId: containerAppsEnvironment.outputs.environmentId
    workloadProfileName: containerAppsEnvironment.outputs.runnerWorkloadProfileName
    runnerCompute: runnerCompute
    runnerIdentityId: identity.outputs.runnerIdentityId
    runnerClientId: identity.outputs.runnerClientId
    scalerIdentityId: identity.outputs.scalerIdentityId
    registryLoginServer: registry.outputs.loginServer
    serviceBusNamespaceName: serviceBus.outputs.serviceBusNamespaceName
    serviceBusFullyQualifiedNamespace: serviceBus.outputs.fullyQualifiedNamespace
    trainingJobsQueueName: serviceBus.outputs.trainingJobsQueueName
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    imageName: runnerImageName
    maxExecutions: runnerMaxExecutions
  }
}

module eventGrid 'app/eventgrid.bicep' = {
  name: 'eventgrid'
  scope: rg
  params: {
    location: location
    tags: tags
    systemTopicName: '${abbrs.eventGridDomainsTopics}${resourceToken}'
    storageAccountId: storage.outputs.storageAccountId
  }
}

// azd writes these to .azure/<env>/.env; the hooks and docs/deploy.md read them.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functions.outputs.functionAppName
output AZURE_FUNCTION_URI string = 'https://${functions.outputs.defaultHostName}'
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.storageAccountName
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output AZURE_STORAGE_QUEUE_ENDPOINT string = storage.outputs.queueEndpoint
output AZURE_SERVICEBUS_NAMESPACE string = serviceBus.outputs.serviceBusNamespaceName
output AZURE_SERVICEBUS_FULLY_QUALIFIED_NAMESPACE string = serviceBus.outputs.fullyQualifiedNamespace
output AZURE_SERVICEBUS_QUEUE_NAME string = serviceBus.outputs.trainingJobsQueueName
output AZURE_CONTAINER_REGISTRY_NAME string = registry.outputs.registryName
output AZURE_CONTAINER_REGISTRY_ENDPOINT string = registry.outputs.loginServer
output AZURE_CONTAINER_APPS_ENVIRONMENT_NAME string = containerAppsEnvironment.outputs.environmentName
output AZURE_RUNNER_JOB_NAME string = runnerJob.outputs.jobName
output AZURE_RUNNER_WORKLOAD_PROFILE string = containerAppsEnvironment.outputs.runnerWorkloadProfileName
output AZURE_EVENTGRID_SYSTEM_TOPIC_NAME string = eventGrid.outputs.systemTopicName
output AZURE_EVENTGRID_JOB_EVENTS_TOPIC_NAME string = notifications.outputs.topicName
output AZURE_EVENTGRID_JOB_EVENTS_TOPIC_ENDPOINT string = notifications.outputs.topicEndpoint
output AZURE_KEY_VAULT_NAME string = notifications.outputs.keyVaultName
output AZURE_DATASETS_CONTAINER string = 'datasets'
output AZURE_SCORING_CONTAINER string = 'scoring'
output AZURE_SCORING_RESULTS_CONTAINER string = 'scoring-results'
