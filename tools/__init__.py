"""Developer and operations tools: the process supervisor, model training, test stand-ins."""
