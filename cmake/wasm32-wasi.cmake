# Toolchain for the WebAssembly build of core (scripts/build-wasm.sh): clang-19 targeting
# wasm32-wasi with Debian's wasi-libc and libc++-19 for wasm32 (DESIGN §3).
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR wasm32)
set(CMAKE_C_COMPILER clang-19)
set(CMAKE_CXX_COMPILER clang++-19)
set(CMAKE_C_COMPILER_TARGET wasm32-wasi)
set(CMAKE_CXX_COMPILER_TARGET wasm32-wasi)
# The compiler check cannot run a wasm binary: link a static library instead.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
# No exceptions in core; libc++ for wasm32 is built without them.
set(CMAKE_CXX_FLAGS_INIT "-fno-exceptions")
