# -DKITSUNET_SANITIZE=address,undefined instruments every target (the CI sanitizer build uses clang-19).
if(KITSUNET_SANITIZE)
  add_compile_options(-fsanitize=${KITSUNET_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${KITSUNET_SANITIZE})
endif()
