"""The running bot: composition, jobs, the service, the command line."""
