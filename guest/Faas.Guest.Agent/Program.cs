using Faas.Guest.Agent;

return AgentHost.Run();
