-- wrk script: every request carries the API token given in the environment (WSTUDIO_TOKEN).
local token = os.getenv("WSTUDIO_TOKEN")
wrk.headers["Authorization"] = "Bearer " .. token
