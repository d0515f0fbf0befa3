# Warnings and sanitizers for mapa's own targets (never for third-party code).
function(mapa_target_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes
    -Wformat=2 -Wimplicit-fallthrough -Wvla)
  if(MAPA_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(MAPA_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
endfunction()
