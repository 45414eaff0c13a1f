// The Functions app: Flex Consumption, .NET isolated 10, user-assigned identity, identity-based
// connections only (no connection strings, no keys in app settings), zip deployment from a blob
// container read with the same identity.

param location string
param tags object
param planName string
param functionAppName string
param identityId string
param identityClientId string
param storageAccountName string
param blobEndpoint string
param queueEndpoint string
param tableEndpoint string
param deploymentContainerName string
param serviceBusFullyQualifiedNamespace string
param applicationInsightsConnectionString string

@description('Client id of the Microsoft Entra ID app registration the web console signs users in with; empty: the console is off.')
param consoleSignInClientId string = ''

@description('Tenant of that app registration.')
param consoleSignInTenantId string = tenant().tenantId

@secure()
@description('The function key the console sends to the JSON routes (function key "console").')
param consoleApiKey string = ''

@description('Endpoint of the Event Grid topic job events are published to (Notifications:EventGridTopicEndpoint).')
param jobEventsTopicEndpoint string

@description('Key Vault URI of the webhook signing key; the app setting is a Key Vault reference read with the app\'s identity.')
param webhookSigningKeyUri string

// In Azure the console is never anonymous: it is served only with App Service Authentication in front.
var consoleEnabled = !empty(consoleSignInClientId)

@description('Memory per instance. Prediction loads libtorch (~0.5 GB native) plus a BERT-base package (~0.45 GB) and its activations; 4 GB leaves room for a second cached model version.')
@allowed([
  2048
  4096
])
param instanceMemoryMB int = 4096

@description('Upper bound on scale-out; each instance holds its own model cache.')
param maximumInstanceCount int = 40

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: functionAppName
  location: location
  tags: union(tags, { 'azd-service-name': 'functions' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: [
        // The host's storage connection, through the identity: Durable task hub, blob trigger
        // receipts, and the connection of both triggers (the Event Grid blob trigger on datasets needs
        // the blob and the queue URI, the queue trigger on training-events the queue URI). A trigger
        // naming Connection = "Storage" lands here too: the extensions look up "AzureWebJobs" + name first.
        { name: 'AzureWebJobsStorage__accountName', value: storageAccountName }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
        { name: 'AzureWebJobsStorage__blobServiceUri', value: blobEndpoint }
        { name: 'AzureWebJobsStorage__queueServiceUri', value: queueEndpoint }
        { name: 'AzureWebJobsStorage__tableServiceUri', value: tableEndpoint }
        // The platform's own SDK clients (Storage:BlobServiceUri, Storage:QueueServiceUri,
        // ServiceBus:FullyQualifiedNamespace; configuration keys are case-insensitive): datasets,
        // jobs, models, training-events, dispatch. The same account the triggers watch.
        { name: 'Storage__blobServiceUri', value: blobEndpoint }
        { name: 'Storage__queueServiceUri', value: queueEndpoint }
        { name: 'ServiceBus__FullyQualifiedNamespace', value: serviceBusFullyQualifiedNamespace }
        // Those clients authenticate as the user-assigned identity with this client id. No
        // credential/clientId per connection: no extension reads a "Storage" or "ServiceBus" section.
        { name: 'AZURE_CLIENT_ID', value: identityClientId }
        { name: 'DurableTaskHubName', value: 'finetuning' }
        // The trigger attributes name these as %Storage:DatasetsContainer%, %Storage:ScoringContainer% and
        // %Storage:EventsQueue%: the host resolves them here, and the platform's clients (Functions app, runner,
        // DevHost) read the same Storage:* keys. Batch scoring writes to Storage:ScoringResultsContainer.
        { name: 'Storage__DatasetsContainer', value: 'datasets' }
        { name: 'Storage__ScoringContainer', value: 'scoring' }
        { name: 'Storage__ScoringResultsContainer', value: 'scoring-results' }
        { name: 'Storage__EventsQueue', value: 'training-events' }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: applicationInsightsConnectionString }
        // Application Insights accepts only Entra ID-authenticated telemetry (local auth is off).
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identityClientId};Authorization=AAD' }
        // Request bodies are capped at 100 MB and account keys are off: browsers upload a CSV straight
        // to Blob Storage with a user-delegation SAS for that one blob, issued under the identity.
        { name: 'Handlers__Uploads__Mode', value: 'Direct' }
        // The web console (/api/console/): only with sign-in configured, only for signed-in users, and
        // its pages call the API with the console's function key.
        { name: 'Console__Enabled', value: consoleEnabled ? 'true' : 'false' }
        { name: 'Console__RequireSignIn', value: 'true' }
        { name: 'Console__ApiKey', value: consoleEnabled ? consoleApiKey : '' }
        // Job notifications: every job's events to the platform's topic (the identity is its EventGrid
        // Data Sender), and the key that signs webhook requests, from Key Vault (Key Vault Secrets User).
        { name: 'Notifications__EventGridTopicEndpoint', value: jobEventsTopicEndpoint }
        { name: 'Notifications__WebhookSecret', value: '@Microsoft.KeyVault(SecretUri=${webhookSigningKeyUri})' }
      ]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// App Service Authentication with Microsoft Entra ID, for the console. Anonymous requests still
// reach the app, so programmatic clients keep calling /api/* with function keys; the console's
// function refuses requests without the principal header this layer sets and sends them to sign in.
// No client secret: sign-in uses the OpenID Connect ID-token flow (enable ID tokens on the registration).
resource authSettings 'Microsoft.Web/sites/config@2024-04-01' = if (consoleEnabled) {
  parent: functionApp
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: false
      unauthenticatedClientAction: 'AllowAnonymous'
    }
    httpSettings: {
      requireHttps: true
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: consoleSignInClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${consoleSignInTenantId}/v2.0'
        }
        validation: {
          allowedAudiences: [
            consoleSignInClientId
            'api://${consoleSignInClientId}'
          ]
        }
      }
    }
    login: {
      tokenStore: {
        enabled: true
      }
    }
  }
}

// The console's function key, the value Console__ApiKey holds. A host key (every function), so it
// is not in Bicep's type index; ARM creates it through the host's key API.
#disable-next-line BCP081
resource consoleFunctionKey 'Microsoft.Web/sites/host/functionKeys@2022-09-01' = if (consoleEnabled) {
  name: '${functionApp.name}/default/console'
  properties: {
    name: 'console'
    value: consoleApiKey
  }
}

// Basic-auth publishing (FTP and SCM with a site password) stays off: azd deploys with Entra ID.
resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionApp
  name: 'scm'
  properties: {
    allow: false
  }
}

output functionAppName string = functionApp.name
output functionAppId string = functionApp.id
output defaultHostName string = functionApp.properties.defaultHostName
