# One target per layer, and the layering rule enforced by the build (docs/architecture.md):
#   cli -> scenarios -> solver, io -> models
# A layer may include and call only itself and the layers below it.

set(MAPA_THIRD_PARTY_LIBS "")

# mapa_add_layer(NAME "SOURCES" "LOWER_LAYERS" LIBS...): an object library for one layer, and
# (outside sanitizer and fuzz builds) a shared "link check" of it with the layers below and its
# libraries only, linked with --no-undefined: calling up a layer fails the build.
function(mapa_add_layer name sources lower)
  add_library(${name} OBJECT ${sources})
  set_target_properties(${name} PROPERTIES POSITION_INDEPENDENT_CODE ON)
  target_include_directories(${name} PUBLIC ${CMAKE_SOURCE_DIR}/include PRIVATE ${CMAKE_SOURCE_DIR})
  target_link_libraries(${name} PUBLIC ${ARGN})
  mapa_target_warnings(${name})
  set(all ${MAPA_THIRD_PARTY_LIBS} ${ARGN})
  list(REMOVE_DUPLICATES all)
  set(MAPA_THIRD_PARTY_LIBS ${all} PARENT_SCOPE)
  if(NOT MAPA_SANITIZE AND NOT MAPA_FUZZ) # their runtimes are not linked into a plain .so
    set(objects $<TARGET_OBJECTS:${name}>)
    set(libs ${ARGN})
    foreach(l ${lower})
      list(APPEND objects $<TARGET_OBJECTS:${l}>)
      get_target_property(lower_libs ${l} INTERFACE_LINK_LIBRARIES)
      if(lower_libs)
        list(APPEND libs ${lower_libs})
      endif()
    endforeach()
    add_library(${name}_layer_check SHARED EXCLUDE_FROM_ALL ${objects})
    target_link_libraries(${name}_layer_check PRIVATE ${libs})
    target_link_options(${name}_layer_check PRIVATE -Wl,--no-undefined)
    set_target_properties(${name}_layer_check PROPERTIES
      LIBRARY_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/layer_check)
    set_property(GLOBAL APPEND PROPERTY MAPA_LAYER_CHECKS ${name}_layer_check)
  endif()
endfunction()

# mapa_check_layers(TARGET): TARGET is built only after every layer's link check and the
# include check (cmake/check_layers.cmake) pass.
function(mapa_check_layers target)
  set(stamp ${CMAKE_BINARY_DIR}/layer_check/includes.stamp)
  file(GLOB_RECURSE checked CONFIGURE_DEPENDS
    ${CMAKE_SOURCE_DIR}/models/*.[ch] ${CMAKE_SOURCE_DIR}/io/*.[ch] ${CMAKE_SOURCE_DIR}/solver/*.[ch]
    ${CMAKE_SOURCE_DIR}/scenarios/*.[ch] ${CMAKE_SOURCE_DIR}/cli/*.[ch]
    ${CMAKE_SOURCE_DIR}/include/mapa/*.h)
  add_custom_command(OUTPUT ${stamp}
    COMMAND ${CMAKE_COMMAND} -DROOT=${CMAKE_SOURCE_DIR} -DSTAMP=${stamp}
            -P ${CMAKE_SOURCE_DIR}/cmake/check_layers.cmake
    DEPENDS ${checked} ${CMAKE_SOURCE_DIR}/cmake/check_layers.cmake
    COMMENT "Checking the layering rule (includes)")
  add_custom_target(mapa_include_check DEPENDS ${stamp})
  add_dependencies(${target} mapa_include_check)
  get_property(checks GLOBAL PROPERTY MAPA_LAYER_CHECKS)
  if(checks)
    add_dependencies(${target} ${checks})
  endif()
endfunction()
