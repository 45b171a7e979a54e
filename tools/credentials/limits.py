"""Hard limits for hostile input: every reader checks these before doing real work."""

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_PNG_CHUNKS = 2000
MAX_PNG_CHUNK_BYTES = 4 * 1024 * 1024
MAX_DECOMPRESSED_BYTES = 2 * 1024 * 1024
MAX_JSON_DEPTH = 64
MAX_STATUS_LIST_BYTES = 16 * 1024 * 1024
MAX_ITEMS_PER_FILE = 200
