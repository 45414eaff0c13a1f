// The platform's storage account: datasets, job working data, published models, optional base
// models, batch scoring inputs and outputs, the Flex Consumption deployment package, the runner → orchestration event queue, and the
// queues/tables Durable Functions creates at run time (Azure Storage backend).
// Every client authenticates with Entra ID: shared keys and anonymous blob access are disabled.

param location string
param tags object
param storageAccountName string
param deploymentContainerName string

@description('Origins whose pages may PUT a CSV straight into datasets with a SAS (the Functions app serving the console).')
@minLength(1)
param uploadAllowedOrigins array

// Names the code uses (src/Shared/Jobs/StorageNames.cs); Infrastructure.Tests keeps them in sync.
var containerNames = [
  'datasets'
  'jobs'
  'models'
  'base-models'
  'scoring'
  'scoring-results'
]
var trainingEventsQueueName = 'training-events'

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    // Event Grid delivery, the Functions host and Container Apps reach the account over its public
    // endpoint; access is still identity-only. Private endpoints would need a VNet-integrated plan.
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    // The console uploads from the browser with a SAS that may only create its one blob; the browser
    // asks first (OPTIONS), so the origin, the PUT and the headers it sends are allowed here.
    cors: {
      corsRules: [
        {
          allowedOrigins: uploadAllowedOrigins
          allowedMethods: [
            'PUT'
            'OPTIONS'
          ]
          allowedHeaders: [
            'content-type'
            'x-ms-blob-type'
            'x-ms-version'
            'x-ms-date'
            'x-ms-client-request-id'
          ]
          exposedHeaders: [
            'etag'
            'x-ms-request-id'
            'x-ms-error-code'
          ]
          maxAgeInSeconds: 3600
        }
      ]
    }
    // Protects uploads and published models from accidental deletes for a week.
    deleteRetentionPolicy: {
      enabled: true
      days: 7
    }
  }
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [
  for name in containerNames: {
    parent: blobService
    name: name
    properties: {
      publicAccess: 'None'
    }
  }
]

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource trainingEventsQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = {
  parent: queueService
  name: trainingEventsQueueName
}

// Durable Functions creates its control/work-item queues and History/Instances tables itself;
// the table service is declared so the account is complete before the first orchestration.
resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

output storageAccountName string = storage.name
output storageAccountId string = storage.id
output blobEndpoint string = storage.properties.primaryEndpoints.blob
output queueEndpoint string = storage.properties.primaryEndpoints.queue
output tableEndpoint string = storage.properties.primaryEndpoints.table
output trainingEventsQueueName string = trainingEventsQueue.name
output containerNames string[] = [for (name, i) in containerNames: containers[i].name]
