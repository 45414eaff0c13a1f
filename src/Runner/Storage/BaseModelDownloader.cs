using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Modeling.BaseModels;
using Platform.Runner.Hosting;
using Platform.Shared.Configuration;
using Platform.Shared.Jobs;
using Platform.Shared.Storage;

namespace Platform.Runner.Storage;

/// <summary>
/// Makes a job's base model available on this machine: a built-in name as it is, any other name as the folder
/// <c>base-models/{name}/</c> (a Hugging Face BERT folder or a model package) downloaded into the job's work folder.
/// A name is never taken as a path on this machine, so a message cannot point training at the runner's own files.
/// </summary>
internal sealed class BaseModelDownloader(BlobServiceClient blobs, IOptions<StorageSettings> settings, ILogger<BaseModelDownloader> logger)
{
    /// <summary>What to give the trainer as its base model: the built-in name, or the local folder it was downloaded to.</summary>
    /// <exception cref="BaseModelException">The name is neither built in nor a folder of the base-models container.</exception>
    public async Task<string> ResolveAsync(string jobId, string baseModel, string workDirectory, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(baseModel);
        if (string.Equals(baseModel, BaseModelResolver.MiniLmL6, StringComparison.OrdinalIgnoreCase)
            || string.Equals(baseModel, BaseModelResolver.TinyRandom, StringComparison.OrdinalIgnoreCase))
        {
            return baseModel;
        }

        var container = blobs.GetBlobContainerClient(settings.Value.BaseModelsContainer);
        if (!ModelNames.IsValid(baseModel))
        {
            throw new BaseModelException(
                $"Base model '{baseModel}' is neither built in ({BaseModelResolver.MiniLmL6}, {BaseModelResolver.TinyRandom}) nor a folder name in container '{container.Name}' (lowercase letters, digits and hyphens).");
        }

        var local = Path.Combine(workDirectory, "base-model", baseModel);
        if (Directory.Exists(local))
        {
            Directory.Delete(local, recursive: true);
        }

        var files = await DownloadAsync(container, baseModel + "/", local, cancellationToken);
        if (files == 0)
        {
            throw new BaseModelException(
                $"Base model '{baseModel}' is not built in and container '{container.Name}' has no folder '{baseModel}/'. Upload a Hugging Face BERT folder (config.json, vocab.txt, model.safetensors) there, or use '{BaseModelResolver.MiniLmL6}'.");
        }

        RunnerLog.BaseModelDownloaded(logger, jobId, baseModel, files, container.Name);
        return local;
    }

    private static async Task<int> DownloadAsync(BlobContainerClient container, string prefix, string local, CancellationToken cancellationToken)
    {
        try
        {
            return await BlobPrefix.DownloadAsync(container, prefix, local, cancellationToken);
        }
        catch (BlobPathException e)
        {
            throw new BaseModelException(e.Message);
        }
    }
}
