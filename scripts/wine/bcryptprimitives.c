// A stand-in for Windows' bcryptprimitives.dll, which Wine before 9.0 lacks
// and Go's runtime loads for ProcessPrng since Go 1.22. scripts/test-release.sh
// builds it with mingw-w64 into the Wine prefix of its test run only; the
// release does not ship it.
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);  // RtlGenRandom

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
  while (length > 0) {
    ULONG n = length > 0x10000000 ? 0x10000000 : (ULONG)length;
    if (!SystemFunction036(data, n)) {
      return FALSE;
    }
    data += n;
    length -= n;
  }
  return TRUE;
}
