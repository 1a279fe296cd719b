# -DKITSUNET_SANITIZE=address,undefined instruments every target (the CI sanitizer build uses clang-19).
if(KITSUNET_SANITIZE)
  add_compile_options(-fsanitize=${KITSUNET_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${KITSUNET_SANITIZE})
endif()
# Fuzz targets learn from coverage of the code they call, not only of their own file: instrument
# every target for libFuzzer (only fuzz_* link its driver).
if(KITSUNET_FUZZ)
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
