// Role assignments, least privilege per identity and scoped as narrowly as the consumer allows.

param storageAccountName string
param serviceBusNamespaceName string
param trainingJobsQueueName string
param registryName string
param applicationInsightsName string
param functionsPrincipalId string
param runnerPrincipalId string
param scalerPrincipalId string

@description('The Event Grid topic the Functions app publishes job events to.')
param jobEventsTopicName string

@description('The Key Vault holding the webhook signing key, and that secret\'s name.')
param keyVaultName string
param webhookSigningKeyName string

@description('The signed-in user running azd (uploads datasets, reads models); empty to skip.')
param userPrincipalId string = ''

@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param userPrincipalType string = 'User'

// Storage Blob Data Owner: the Functions host needs blob leases and container management for its
// own storage (AzureWebJobsStorage) and the Flex deployment package.
var storageBlobDataOwnerRoleId = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
// Storage Blob Data Contributor
var storageBlobDataContributorRoleId = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
// Storage Blob Data Reader
var storageBlobDataReaderRoleId = '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'
// Storage Queue Data Contributor
var storageQueueDataContributorRoleId = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
// Storage Table Data Contributor (Durable Functions history and instance tables)
var storageTableDataContributorRoleId = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
// Azure Service Bus Data Sender
var serviceBusDataSenderRoleId = '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'
// Azure Service Bus Data Receiver
var serviceBusDataReceiverRoleId = '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'
// Azure Service Bus Data Owner: KEDA's azure-servicebus scaler reads the queue's active message count
// with the administration client (GetQueueRuntimeProperties, the ATOM management API over HTTPS),
// and reading an entity's runtime properties needs Manage rights; Sender and Receiver lack them and
// there is no narrower built-in data role that has them. Scoped to the one queue, held only by the
// scaler identity, which the runner job keeps out of its container (identitySettings lifecycle None).
var serviceBusDataOwnerRoleId = '090c5cfd-751d-490a-894a-3ce6f1109419'
// EventGrid Data Sender (publish to a topic with Entra ID; the topic has local auth off)
var eventGridDataSenderRoleId = 'd5a91429-5739-47e2-a06b-3470a27159e7'
// Key Vault Secrets User (read a secret's value: the app's Key Vault reference)
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'
// AcrPull
var acrPullRoleId = '7f951dda-4ed3-4680-a7ca-43fe172d538d'
// Monitoring Metrics Publisher (Entra ID-authenticated Application Insights ingestion)
var monitoringMetricsPublisherRoleId = '3913510d-42f4-4e42-8a64-420c390055eb'

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName

  resource blobService 'blobServices' existing = {
    name: 'default'

    resource jobsContainer 'containers' existing = {
      name: 'jobs'
    }

    resource baseModelsContainer 'containers' existing = {
      name: 'base-models'
    }
  }

  resource queueService 'queueServices' existing = {
    name: 'default'

    resource trainingEventsQueue 'queues' existing = {
      name: 'training-events'
    }
  }
}

resource serviceBus 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' existing = {
  name: serviceBusNamespaceName

  resource trainingJobs 'queues' existing = {
    name: trainingJobsQueueName
  }
}

resource registry 'Microsoft.ContainerRegistry/registries@2025-04-01' existing = {
  name: registryName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource jobEventsTopic 'Microsoft.EventGrid/topics@2025-02-15' existing = {
  name: jobEventsTopicName
}

resource keyVault 'Microsoft.KeyVault/vaults@2024-11-01' existing = {
  name: keyVaultName

  resource webhookSigningKey 'secrets' existing = {
    name: webhookSigningKeyName
  }
}

// --- Functions: host storage, orchestration state, dispatch ---

resource functionsBlobOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, functionsPrincipalId, storageBlobDataOwnerRoleId)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataOwnerRoleId)
    principalId: functionsPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource functionsQueueContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, functionsPrincipalId, storageQueueDataContributorRoleId)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageQueueDataContributorRoleId)
    principalId: functionsPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource functionsTableContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, functionsPrincipalId, storageTableDataContributorRoleId)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributorRoleId)
    principalId: functionsPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource functionsServiceBusSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(serviceBus::trainingJobs.id, functionsPrincipalId, serviceBusDataSenderRoleId)
  scope: serviceBus::trainingJobs
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', serviceBusDataSenderRoleId)
    principalId: functionsPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource functionsMetricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, functionsPrincipalId, monitoringMetricsPublisherRoleId)
  scope: applicationInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisherRoleId)
    principalId: functionsPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource functionsEventGridSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(jobEventsTopic.id, functionsPrincipalId, eventGridDataSenderRoleId)
  scope: jobEventsTopic
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', eventGridDataSenderRoleId)
    principalId: functionsPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Scoped to the one secret the app setting references, not the vault.
resource functionsSigningKeyReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault::webhookSigningKey.id, functionsPrincipalId, keyVaultSecretsUserRoleId)
  scope: keyVault::webhookSigningKey
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: functionsPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// --- Runner: its job's working data, base models, the event queue, dispatch, image pull, telemetry ---

resource runnerMetricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, runnerPrincipalId, monitoringMetricsPublisherRoleId)
  scope: applicationInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisherRoleId)
    principalId: runnerPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource runnerJobsContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage::blobService::jobsContainer.id, runnerPrincipalId, storageBlobDataContributorRoleId)
  scope: storage::blobService::jobsContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributorRoleId)
    principalId: runnerPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource runnerBaseModelsReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage::blobService::baseModelsContainer.id, runnerPrincipalId, storageBlobDataReaderRoleId)
  scope: storage::blobService::baseModelsContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataReaderRoleId)
    principalId: runnerPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Contributor, not Message Sender: the runner creates the queue if missing before it sends
// (TrainingEventPublisher, CreateIfNotExists), and Create Queue needs queues/write even when the
// queue exists. Scoped to this one queue.
resource runnerEventsContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage::queueService::trainingEventsQueue.id, runnerPrincipalId, storageQueueDataContributorRoleId)
  scope: storage::queueService::trainingEventsQueue
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageQueueDataContributorRoleId)
    principalId: runnerPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource runnerServiceBusReceiver 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(serviceBus::trainingJobs.id, runnerPrincipalId, serviceBusDataReceiverRoleId)
  scope: serviceBus::trainingJobs
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', serviceBusDataReceiverRoleId)
    principalId: runnerPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource runnerAcrPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, runnerPrincipalId, acrPullRoleId)
  scope: registry
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', acrPullRoleId)
    principalId: runnerPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// --- KEDA scaler: Manage (Data Owner) on training-jobs, used only to read its message count ---
// Data Owner also allows sending, receiving and changing that queue; nothing but the Container Apps
// scaler can use this identity (see runner-job.bicep), and its reach ends at this one queue.

resource scalerServiceBusOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(serviceBus::trainingJobs.id, scalerPrincipalId, serviceBusDataOwnerRoleId)
  scope: serviceBus::trainingJobs
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', serviceBusDataOwnerRoleId)
    principalId: scalerPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// --- The person running azd: upload datasets, read jobs and models ---

resource userBlobContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(userPrincipalId)) {
  name: guid(storage.id, userPrincipalId, storageBlobDataContributorRoleId)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributorRoleId)
    principalId: userPrincipalId
    principalType: userPrincipalType
  }
}
