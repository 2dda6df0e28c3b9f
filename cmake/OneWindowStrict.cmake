# One function gives every target of the project the same warnings and
# strictness. Call it on each target right after it is created.
function(onewindow_strict target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic $<$<CXX_COMPILER_ID:GNU>:-Wshadow=local>
    -Wnon-virtual-dtor -Wcast-align
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

# Precompiled headers: the Qt (and, for tests, Catch2) headers nearly every
# file of a target includes, parsed once per target instead of once per
# file. Off with -DONEWINDOW_PCH=OFF. `kind` is core, ui or test.
option(ONEWINDOW_PCH "Precompile the common headers of the large targets" ON)
function(onewindow_precompile target kind)
  if(NOT ONEWINDOW_PCH)
    return()
  endif()
  set(_headers
    <QByteArray> <QCoreApplication> <QDate> <QDateTime> <QDir> <QFile> <QFileInfo>
    <QHash> <QJsonArray> <QJsonDocument> <QJsonObject> <QList> <QMap> <QRegularExpression>
    <QSet> <QSqlError> <QSqlQuery> <QString> <QStringList> <QVariant>
    <functional> <memory> <optional> <vector>)
  if(kind STREQUAL "ui" OR kind STREQUAL "test")
    list(APPEND _headers
      <QCheckBox> <QComboBox> <QHBoxLayout> <QHeaderView> <QLabel> <QLineEdit>
      <QListWidget> <QPushButton> <QTableView> <QTableWidget> <QVBoxLayout> <QWidget>)
  endif()
  if(kind STREQUAL "test")
    list(APPEND _headers <QTemporaryDir> <catch2/catch.hpp>)
  endif()
  target_precompile_headers(${target} PRIVATE ${_headers})
endfunction()
