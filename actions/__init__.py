"""Custom actions served by the rasa-sdk action server (`python -m rasa_sdk --actions actions`)."""

import sys
from pathlib import Path

from infobansos.logging_setup import protect_process_logging

# rasa-sdk imports this package after it has set up logging, so this is where the action server's
# log gets its redaction and library pins. Only in that process: a test importing an action keeps
# its own logging.
if Path(sys.argv[0]).parent.name == "rasa_sdk":
    protect_process_logging()
