// The GPU runner: an event-triggered Container Apps job. KEDA's azure-servicebus scaler starts one
// execution per message on `training-jobs`; each execution runs `serve --once` (receive one job,
// train, exit). Scaler, registry pull and the runner itself authenticate with managed identities;
// the job carries no secrets. Two identities: the runner's (Receiver on the queue, its blobs, AcrPull)
// for the container and the image pull, the scaler's (Data Owner on the queue) for KEDA only.

param location string
param tags object
param jobName string
param environmentId string
param workloadProfileName string

@allowed([
  'T4'
  'A100'
  'CPU'
])
param runnerCompute string
param runnerIdentityId string
param runnerClientId string
param scalerIdentityId string
param registryLoginServer string
param serviceBusNamespaceName string
param serviceBusFullyQualifiedNamespace string
param trainingJobsQueueName string
param blobEndpoint string
param queueEndpoint string

@description('Where the runner sends its spans, metrics and logs (OpenTelemetry, Entra ID-authenticated as the runner identity).')
param applicationInsightsConnectionString string

@description('Image set by azd deploy; a public placeholder until the first deploy.')
param imageName string = ''

@description('Most executions at once: the GPU quota of the subscription, not the queue length, is the limit.')
@minValue(1)
param maxExecutions int = 2

var placeholderImage = 'mcr.microsoft.com/k8se/quickstart-jobs:latest'

// One container per replica, sized to the whole workload profile (the GPU is not shared).
var containerResources = {
  T4: {
    cpu: json('8')
    memory: '56Gi'
  }
  A100: {
    cpu: json('24')
    memory: '220Gi'
  }
  CPU: {
    cpu: json('4')
    memory: '8Gi'
  }
}

resource job 'Microsoft.App/jobs@2025-01-01' = {
  name: jobName
  location: location
  tags: union(tags, { 'azd-service-name': 'runner' })
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${runnerIdentityId}': {}
      '${scalerIdentityId}': {}
    }
  }
  properties: {
    environmentId: environmentId
    workloadProfileName: workloadProfileName
    configuration: {
      // The scaler identity holds Manage rights on the queue for KEDA's count query; keep it away
      // from the container, whose code then cannot mint a token for it. 'None' leaves it to the
      // platform (scale rules, registry pull, Key Vault secrets); the runner's own stays in 'Main'.
      identitySettings: [
        {
          identity: scalerIdentityId
          lifecycle: 'None'
        }
        {
          identity: runnerIdentityId
          lifecycle: 'Main'
        }
      ]
      triggerType: 'Event'
      // Four hours fits fine-tuning BERT-base on a mid-size dataset on a T4. A longer run is not
      // lost: the runner checkpoints, the message lock lapses when the replica is stopped, and the
      // next execution resumes from the checkpoint (bounded by the queue's maxDeliveryCount).
      replicaTimeout: 14400
      // No job-level retry: a failed execution abandons its message and Service Bus redelivers it,
      // which starts a new execution. Retrying here too would double-count attempts and hide the
      // message's delivery count, which is what sends a broken job to the dead-letter queue.
      replicaRetryLimit: 0
      eventTriggerConfig: {
        parallelism: 1
        replicaCompletionCount: 1
        scale: {
          minExecutions: 0
          maxExecutions: maxExecutions
          pollingInterval: 30
          rules: [
            {
              name: 'training-jobs'
              type: 'azure-servicebus'
              metadata: {
                namespace: serviceBusNamespaceName
                queueName: trainingJobsQueueName
                // One message = one job = one execution.
                messageCount: '1'
              }
              // Managed identity instead of a connection-string secret.
              identity: scalerIdentityId
            }
          ]
        }
      }
      registries: [
        {
          server: registryLoginServer
          identity: runnerIdentityId
        }
      ]
    }
    template: {
      containers: [
        {
          name: 'runner'
          image: empty(imageName) ? placeholderImage : imageName
          resources: containerResources[runnerCompute]
          env: [
            { name: 'ServiceBus__FullyQualifiedNamespace', value: serviceBusFullyQualifiedNamespace }
            { name: 'Storage__BlobServiceUri', value: blobEndpoint }
            { name: 'Storage__QueueServiceUri', value: queueEndpoint }
            // DefaultAzureCredential picks the runner identity; the scaler's is not offered to the
            // container at all (identitySettings above).
            { name: 'AZURE_CLIENT_ID', value: runnerClientId }
            // The runner's OpenTelemetry exporter; the resource accepts only Entra ID telemetry, so it
            // authenticates as the runner identity (Monitoring Metrics Publisher, rbac.bicep).
            { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: applicationInsightsConnectionString }
          ]
        }
      ]
    }
  }
}

output jobName string = job.name
output jobId string = job.id
