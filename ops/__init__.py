"""Running the service: the `make run` supervisor, model training, virtual environments."""
