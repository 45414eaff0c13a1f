namespace Platform.Pipeline.Handlers.Uploads;

/// <summary>An upload's body passed the configured limit; nothing of it was committed.</summary>
public sealed class UploadTooLargeException : IOException
{
    public UploadTooLargeException()
    {
    }

    public UploadTooLargeException(string message)
        : base(message)
    {
    }

    public UploadTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public UploadTooLargeException(long limitBytes)
        : base($"The upload is larger than the limit of {limitBytes} bytes.")
    {
        LimitBytes = limitBytes;
    }

    public long LimitBytes { get; }
}
