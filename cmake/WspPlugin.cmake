# wsp_add_plugin(): filled in with the SDK.
function(wsp_add_plugin)
endfunction()
