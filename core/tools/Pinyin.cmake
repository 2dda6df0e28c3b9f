# The hanzi -> pinyin table (catalogue/Pinyin.cpp), generated at build time
# from Unihan (Debian package unicode-data): every Mandarin reading of every
# CJK ideograph, BMP and Extension B+.
set(ONEWINDOW_UNIHAN_READINGS "/usr/share/unicode/Unihan_Readings.txt.bz2"
    CACHE FILEPATH "Unihan_Readings.txt.bz2, the source of the pinyin table")
if(NOT EXISTS "${ONEWINDOW_UNIHAN_READINGS}")
  message(FATAL_ERROR "Unihan readings not found at ${ONEWINDOW_UNIHAN_READINGS}: "
                      "install unicode-data or set ONEWINDOW_UNIHAN_READINGS")
endif()
find_program(BZIP2_EXECUTABLE bzip2 REQUIRED)

add_executable(pinyin_table_gen ${CMAKE_CURRENT_LIST_DIR}/pinyin_table_gen.cpp)
onewindow_strict(pinyin_table_gen)
target_link_libraries(pinyin_table_gen PRIVATE Qt6::Core)

set(_ow_unihan_txt ${CMAKE_CURRENT_BINARY_DIR}/Unihan_Readings.txt)
set(_ow_pinyin_table ${CMAKE_CURRENT_BINARY_DIR}/PinyinTable.cpp)
add_custom_command(
  OUTPUT ${_ow_pinyin_table}
  COMMAND ${BZIP2_EXECUTABLE} -dc ${ONEWINDOW_UNIHAN_READINGS} > ${_ow_unihan_txt}
  COMMAND pinyin_table_gen ${_ow_unihan_txt} ${_ow_pinyin_table}
  COMMAND ${CMAKE_COMMAND} -E rm -f ${_ow_unihan_txt}
  DEPENDS pinyin_table_gen ${ONEWINDOW_UNIHAN_READINGS}
  COMMENT "Generating the pinyin table from Unihan"
  VERBATIM)
set_source_files_properties(${_ow_pinyin_table} PROPERTIES GENERATED TRUE SKIP_AUTOMOC ON)
target_sources(onewindow_core PRIVATE ${_ow_pinyin_table})
