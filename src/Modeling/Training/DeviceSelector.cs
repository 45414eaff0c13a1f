using static TorchSharp.torch;

namespace Platform.Modeling.Training;

/// <summary>Maps the device option to a TorchSharp device: <c>auto</c> takes CUDA when a GPU and the CUDA build are present.</summary>
public static class DeviceSelector
{
    public static Device Resolve(string option) => option switch
    {
        "cuda" => cuda.is_available() ? CUDA : throw new InvalidOperationException("Device 'cuda' was requested but no CUDA device is available (is this the CUDA build of the runner?)."),
        "cpu" => CPU,
        _ => cuda.is_available() ? CUDA : CPU,
    };
}
