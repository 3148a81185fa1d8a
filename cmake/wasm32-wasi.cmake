# Filled in with the SDK.
