// Event Grid system topic on the storage account. Its subscription (BlobCreated on `datasets`,
// `.csv` only) is created by the postdeploy hook: the webhook URL carries the Functions host's
// `blobs_extension` system key, which exists only after the app has been deployed and started, and
// Event Grid validates the endpoint when the subscription is created.

param location string
param tags object
param systemTopicName string
param storageAccountId string

resource systemTopic 'Microsoft.EventGrid/systemTopics@2024-06-01-preview' = {
  name: systemTopicName
  location: location
  tags: tags
  properties: {
    source: storageAccountId
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

output systemTopicName string = systemTopic.name
