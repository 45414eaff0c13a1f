namespace Platform.Modeling.BaseModels;

/// <summary>A base model that cannot be used, with a message naming the file or tensor at fault.</summary>
public sealed class BaseModelException : Exception
{
    public BaseModelException()
    {
    }

    public BaseModelException(string message) : base(message)
    {
    }

    public BaseModelException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
