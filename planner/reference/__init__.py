"""Reference data: the PCF, the TCSW role categories, policy defaults and population, each loaded
from `data/` and validated once."""
