#!/bin/sh
# Subscribes the BlobCreated events (.csv only) of the `datasets` container to the Functions blob
# extension endpoint of DatasetUploaded, and those of the `scoring` container to ScoringUploaded.
# Idempotent: `create` is a create-or-update (PUT), so a re-run refreshes the endpoints (for example after the system key was rotated).
# azd passes the outputs of infra/bicep/main.bicep as environment variables.
set -eu

: "${AZURE_RESOURCE_GROUP:?run through azd (azd up / azd hooks run postdeploy)}"
: "${AZURE_FUNCTION_APP_NAME:?}"
: "${AZURE_FUNCTION_URI:?}"
: "${AZURE_EVENTGRID_SYSTEM_TOPIC_NAME:?}"
datasets_container="${AZURE_DATASETS_CONTAINER:-datasets}"
scoring_container="${AZURE_SCORING_CONTAINER:-scoring}"
attempts="${BLOBS_EXTENSION_KEY_ATTEMPTS:-30}"

# The host creates the blobs_extension key when it first starts with an Event Grid blob trigger,
# which can take a minute or two after the deployment.
key=""
i=1
while [ "$i" -le "$attempts" ]; do
  key=$(az functionapp keys list \
    --resource-group "$AZURE_RESOURCE_GROUP" --name "$AZURE_FUNCTION_APP_NAME" \
    --query "systemKeys.blobs_extension" --output tsv 2>/dev/null || true)
  [ -n "$key" ] && break
  echo "Waiting for the blobs_extension system key of $AZURE_FUNCTION_APP_NAME ($i/$attempts)..."
  sleep 10
  i=$((i + 1))
done
if [ -z "$key" ]; then
  echo "error: $AZURE_FUNCTION_APP_NAME has no blobs_extension system key. Are its blob triggers deployed with" >&2
  echo "       a blob trigger using Source = EventGrid? Re-run with: azd hooks run postdeploy" >&2
  exit 1
fi

# subscribe NAME CONTAINER FUNCTION: deliver CONTAINER's *.csv BlobCreated events to FUNCTION.
subscribe() {
  subscription_name="$1"
  container="$2"
  function_name="$3"
  endpoint="${AZURE_FUNCTION_URI}/runtime/webhooks/blobs?functionName=Host.Functions.${function_name}&code=${key}"

  # Event Grid validates the endpoint (handshake with the blob extension) before it saves the subscription.
  az eventgrid system-topic event-subscription create \
    --resource-group "$AZURE_RESOURCE_GROUP" \
    --system-topic-name "$AZURE_EVENTGRID_SYSTEM_TOPIC_NAME" \
    --name "$subscription_name" \
    --endpoint-type webhook \
    --endpoint "$endpoint" \
    --included-event-types Microsoft.Storage.BlobCreated \
    --subject-begins-with "/blobServices/default/containers/${container}/" \
    --subject-ends-with ".csv" \
    --max-delivery-attempts 30 \
    --event-ttl 1440 \
    --output none

  echo "Event Grid subscription $subscription_name delivers ${container}/*.csv to $function_name."
}

subscribe "datasets-csv-to-functions" "$datasets_container" "DatasetUploaded"
subscribe "scoring-csv-to-functions" "$scoring_container" "ScoringUploaded"
