using System.Security.Principal;
using Microsoft.Azure.Amqp.Sasl;

namespace Platform.ServiceBusEmulator.Hosting;

/// <summary>SASL PLAIN that accepts any user: the emulator does no authorization.</summary>
internal sealed class AcceptAllAuthenticator : ISaslPlainAuthenticator
{
    public Task<IPrincipal> AuthenticateAsync(string identity, string password) =>
        Task.FromResult<IPrincipal>(new GenericPrincipal(new GenericIdentity(identity), ["Send", "Listen", "Manage"]));
}
