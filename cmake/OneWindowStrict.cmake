# One function gives every target of the project the same warnings and
# strictness. Call it on each target right after it is created.
function(onewindow_strict target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow=local -Wnon-virtual-dtor -Wcast-align
    -Woverloaded-virtual -Wimplicit-fallthrough -Wformat=2)
  if(ONEWINDOW_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  target_compile_definitions(${target} PRIVATE
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_FOREACH
    QT_DISABLE_DEPRECATED_BEFORE=0x060400)
endfunction()

# Fails the configure step if `target` links Qt Widgets, directly or through
# another target. The core library must run without a screen.
function(onewindow_forbid_widgets target)
  get_target_property(_libs ${target} LINK_LIBRARIES)
  set(_seen "")
  set(_queue ${_libs})
  while(_queue)
    list(POP_FRONT _queue _lib)
    if(_lib IN_LIST _seen)
      continue()
    endif()
    list(APPEND _seen ${_lib})
    if(_lib MATCHES "Widgets|PrintSupport|Charts")
      message(FATAL_ERROR "${target} must not link ${_lib}: core runs without a screen")
    endif()
    if(TARGET ${_lib})
      get_target_property(_more ${_lib} INTERFACE_LINK_LIBRARIES)
      if(_more)
        list(APPEND _queue ${_more})
      endif()
    endif()
  endwhile()
endfunction()
