using System.Globalization;

namespace Faas.Worker.Images.Oci;

/// <summary>Reads what the guest agent needs from an image config blob.</summary>
internal static class ImageConfigReader
{
    public static ImageConfig Read(OciImageConfigFile file)
    {
        var config = file.Config;
        var ports = (config?.ExposedPorts?.Keys ?? [])
            .Select(key => int.TryParse(key.Split('/')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535 ? port : 0)
            .Where(port => port > 0)
            .Distinct()
            .Order()
            .ToList();
        return new ImageConfig(
            config?.Entrypoint ?? [],
            config?.Cmd ?? [],
            config?.Env ?? [],
            string.IsNullOrEmpty(config?.WorkingDir) ? null : config.WorkingDir,
            string.IsNullOrEmpty(config?.User) ? null : config.User,
            ports);
    }
}
