# kitsunet_protobuf_library(TARGET PROTOS...): compiles .proto files (protoc 3.21) into a static
# library TARGET. Generated code is built without our strict warnings and its headers are SYSTEM
# includes, so targets that use it keep -Werror. Include generated headers as
# "kitsunet/<folder>/<name>.pb.h" (they are generated under the build tree mirroring the source).
find_package(Protobuf 3.21 REQUIRED)
function(kitsunet_protobuf_library target)
  set(gen_root ${PROJECT_BINARY_DIR}/proto_gen)
  file(RELATIVE_PATH rel_dir ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_SOURCE_DIR})
  set(srcs)
  foreach(proto ${ARGN})
    get_filename_component(abs ${proto} ABSOLUTE)
    get_filename_component(stem ${proto} NAME_WE)
    set(out_cc ${gen_root}/${rel_dir}/${stem}.pb.cc)
    set(out_h ${gen_root}/${rel_dir}/${stem}.pb.h)
    add_custom_command(OUTPUT ${out_cc} ${out_h}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${gen_root}
      COMMAND protobuf::protoc --cpp_out=${gen_root} -I${PROJECT_SOURCE_DIR} ${abs}
      DEPENDS ${abs} protobuf::protoc
      COMMENT "protoc ${rel_dir}/${stem}.proto" VERBATIM)
    list(APPEND srcs ${out_cc})
  endforeach()
  add_library(${target} STATIC ${srcs})
  target_include_directories(${target} SYSTEM PUBLIC $<BUILD_INTERFACE:${gen_root}>)
  target_link_libraries(${target} PUBLIC protobuf::libprotobuf)
  set_target_properties(${target} PROPERTIES POSITION_INDEPENDENT_CODE ON)
endfunction()
