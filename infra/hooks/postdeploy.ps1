# Subscribes the BlobCreated events (.csv only) of the `datasets` container to the Functions blob
# extension endpoint of DatasetUploaded, and those of the `scoring` container to ScoringUploaded.
# Idempotent: `create` is a create-or-update (PUT), so a re-run refreshes the endpoints (for example after the system key was rotated).
# azd passes the outputs of infra/bicep/main.bicep as environment variables.
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

foreach ($name in 'AZURE_RESOURCE_GROUP', 'AZURE_FUNCTION_APP_NAME', 'AZURE_FUNCTION_URI', 'AZURE_EVENTGRID_SYSTEM_TOPIC_NAME') {
    if (-not [Environment]::GetEnvironmentVariable($name)) {
        throw "$name is not set; run through azd (azd up / azd hooks run postdeploy)."
    }
}

$resourceGroup = $env:AZURE_RESOURCE_GROUP
$appName = $env:AZURE_FUNCTION_APP_NAME
$datasetsContainer = if ($env:AZURE_DATASETS_CONTAINER) { $env:AZURE_DATASETS_CONTAINER } else { 'datasets' }
$scoringContainer = if ($env:AZURE_SCORING_CONTAINER) { $env:AZURE_SCORING_CONTAINER } else { 'scoring' }
$attempts = if ($env:BLOBS_EXTENSION_KEY_ATTEMPTS) { [int]$env:BLOBS_EXTENSION_KEY_ATTEMPTS } else { 30 }

# The host creates the blobs_extension key when it first starts with an Event Grid blob trigger,
# which can take a minute or two after the deployment.
$key = ''
for ($i = 1; $i -le $attempts; $i++) {
    $key = az functionapp keys list --resource-group $resourceGroup --name $appName `
        --query 'systemKeys.blobs_extension' --output tsv 2>$null
    if ($LASTEXITCODE -eq 0 -and $key) { break }
    Write-Host "Waiting for the blobs_extension system key of $appName ($i/$attempts)..."
    Start-Sleep -Seconds 10
}
if (-not $key) {
    throw "$appName has no blobs_extension system key. Are its blob triggers deployed with Source = EventGrid? Re-run with: azd hooks run postdeploy"
}

# Delivers the container's *.csv BlobCreated events to the function.
function Add-Subscription([string] $subscriptionName, [string] $container, [string] $functionName) {
    $endpoint = "$($env:AZURE_FUNCTION_URI)/runtime/webhooks/blobs?functionName=Host.Functions.$functionName&code=$key"

    # On Windows `az` is a .cmd script and cmd.exe would split the URL at '&' unless it stays quoted.
    $endpointArgument = if ($IsWindows -or $env:OS -eq 'Windows_NT') { "`"$endpoint`"" } else { $endpoint }

    # Event Grid validates the endpoint (handshake with the blob extension) before it saves the subscription.
    az eventgrid system-topic event-subscription create `
        --resource-group $resourceGroup `
        --system-topic-name $env:AZURE_EVENTGRID_SYSTEM_TOPIC_NAME `
        --name $subscriptionName `
        --endpoint-type webhook `
        --endpoint $endpointArgument `
        --included-event-types Microsoft.Storage.BlobCreated `
        --subject-begins-with "/blobServices/default/containers/$container/" `
        --subject-ends-with '.csv' `
        --max-delivery-attempts 30 `
        --event-ttl 1440 `
        --output none
    if ($LASTEXITCODE -ne 0) { throw "az eventgrid system-topic event-subscription create failed ($LASTEXITCODE)." }

    Write-Host "Event Grid subscription $subscriptionName delivers $container/*.csv to $functionName."
}

Add-Subscription 'datasets-csv-to-functions' $datasetsContainer 'DatasetUploaded'
Add-Subscription 'scoring-csv-to-functions' $scoringContainer 'ScoringUploaded'
