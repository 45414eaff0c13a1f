// Container Apps environment with a workload profile for the runner: serverless GPU (T4 or A100)
// or, for a cheap trial, the default CPU Consumption profile. Logs go to Log Analytics through a
// diagnostic setting (destination azure-monitor), so no workspace shared key is handed over.

param location string
param tags object
param environmentName string
param logAnalyticsWorkspaceId string

@description('Runner compute: serverless GPU T4, serverless GPU A100, or CPU (Consumption) for a cheap trial.')
@allowed([
  'T4'
  'A100'
  'CPU'
])
param runnerCompute string

// Serverless GPU workload profile types (per-second billing, scale to zero).
var gpuProfileTypes = {
  T4: 'Consumption-GPU-NC8as-T4'
  A100: 'Consumption-GPU-NC24-A100'
}
var consumptionProfile = {
  name: 'Consumption'
  workloadProfileType: 'Consumption'
}
var gpuProfile = {
  name: 'gpu'
  workloadProfileType: gpuProfileTypes[?runnerCompute] ?? 'Consumption-GPU-NC8as-T4'
}

resource environment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: environmentName
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: {
      destination: 'azure-monitor'
    }
    workloadProfiles: runnerCompute == 'CPU' ? [consumptionProfile] : [consumptionProfile, gpuProfile]
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'logs-to-workspace'
  scope: environment
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
  }
}

output environmentName string = environment.name
output environmentId string = environment.id
output runnerWorkloadProfileName string = runnerCompute == 'CPU' ? consumptionProfile.name : gpuProfile.name
