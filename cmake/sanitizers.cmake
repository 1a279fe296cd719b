# -DKITSUNET_SANITIZE=address,undefined instruments every target (the CI sanitizer build uses clang-19).
if(KITSUNET_SANITIZE)
  add_compile_options(-fsanitize=${KITSUNET_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${KITSUNET_SANITIZE})
endif()
# Fuzz builds: coverage instrumentation in every library too, not only in the fuzz targets' own
# files, so that libFuzzer sees the decoders it drives.
if(KITSUNET_FUZZ)
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
