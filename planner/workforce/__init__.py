"""The workforce: workers, teams and the service (`models`), checks across records (`checks`),
the demo and synthetic services (`demo`), and the workforce as one typed graph (`graph`)."""
