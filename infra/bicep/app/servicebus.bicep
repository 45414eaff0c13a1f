// Service Bus namespace and the dispatch queue `training-jobs` (Functions send, the runner receives).
// Standard tier: duplicate detection is not available on Basic. SAS (local) auth is disabled.

param location string
param tags object
param serviceBusNamespaceName string

var trainingJobsQueueName = 'training-jobs'

resource serviceBus 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' = {
  name: serviceBusNamespaceName
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

resource trainingJobs 'Microsoft.ServiceBus/namespaces/queues@2022-10-01-preview' = {
  parent: serviceBus
  name: trainingJobsQueueName
  properties: {
    // The longest lock Service Bus allows. The runner renews the lock while it trains, so this only
    // bounds how long a crashed replica keeps a job invisible before another execution resumes it.
    lockDuration: 'PT5M'
    // A delivery is a training attempt from the last checkpoint. Three attempts ride out a lost
    // node or an evicted replica; a job that fails three times is broken, not unlucky, and goes to
    // the dead-letter queue instead of burning more GPU time.
    maxDeliveryCount: 3
    // MessageId = job id + attempt. Sender retries (and a re-run of the DispatchTraining activity,
    // which runs at least once) arrive within minutes; one hour covers them with a wide margin,
    // while the orchestration's deliberate re-dispatch uses a new attempt number and is not dropped.
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: 'PT1H'
    // A job nobody picked up within a day (no GPU quota, runner image broken) is dead-lettered,
    // not silently dropped, so it can be inspected; the orchestration's watchdog has given up by then.
    defaultMessageTimeToLive: 'P1D'
    deadLetteringOnMessageExpiration: true
    maxSizeInMegabytes: 1024
    requiresSession: false
    enablePartitioning: false
  }
}

output serviceBusNamespaceName string = serviceBus.name
output serviceBusNamespaceId string = serviceBus.id
// serviceBusEndpoint is https://{name}.servicebus.windows.net:443/; clients want the bare host name.
output fullyQualifiedNamespace string = replace(replace(serviceBus.properties.serviceBusEndpoint, 'https://', ''), ':443/', '')
output trainingJobsQueueName string = trainingJobs.name
