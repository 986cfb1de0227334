using Faas.Worker.Tests.Support;

[assembly: AssemblyFixture(typeof(RegistryFixture))]
