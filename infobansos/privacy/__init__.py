"""Identity numbers and what protects them: redaction before Rasa, opaque references, erasure, retention."""
