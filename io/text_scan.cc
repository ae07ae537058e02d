#include "io/text_scan.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace careergraph::io {

TextScan ScanText(std::string_view text) {
  std::uint64_t odd = 0, special = 0;
  std::size_t lines = 0;
  const char* p = text.data();
  const char* const end = p + text.size();
#if defined(__SSE2__)
  // Sixteen bytes at a time (every x86-64 has SSE2). A compare sets a byte to 0xFF where it
  // matches, so subtracting it counts line ends per byte lane, at most 255 blocks before
  // the lanes are summed.
  {
    const __m128i zero = _mm_setzero_si128(), quote = _mm_set1_epi8('"'), cr = _mm_set1_epi8('\r'),
                  nl = _mm_set1_epi8('\n');
    __m128i odd16 = zero, special16 = zero;
    while (static_cast<std::size_t>(end - p) >= 16) {
      __m128i count = zero;
      for (int k = 0; k < 255 && static_cast<std::size_t>(end - p) >= 16; ++k, p += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        odd16 = _mm_or_si128(odd16, _mm_or_si128(v, _mm_cmpeq_epi8(v, zero)));  // high bit: >= 0x80 or NUL
        special16 = _mm_or_si128(special16, _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, cr)));
        count = _mm_sub_epi8(count, _mm_cmpeq_epi8(v, nl));
      }
      const __m128i sums = _mm_sad_epu8(count, zero);  // two 64-bit sums of eight lanes each
      lines += static_cast<std::size_t>(_mm_cvtsi128_si64(sums)) +
               static_cast<std::size_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums)));
    }
    odd |= static_cast<std::uint64_t>(_mm_movemask_epi8(odd16));
    special |= static_cast<std::uint64_t>(_mm_movemask_epi8(special16));
  }
#endif
  // Index arithmetic, not `p + 8`: an empty file's view may hold no pointer at all.
  for (; static_cast<std::size_t>(end - p) >= 8; p += 8) {
    const std::uint64_t w = Load8(p);
    odd |= (w & kHigh) | ZeroBytes(w);
    special |= BytesEqual(w, '"') | BytesEqual(w, '\r');
    // The matches' bits moved to the bytes' low bits and summed into the top byte (a
    // popcount without the instruction, which the baseline x86-64 target lacks).
    lines += static_cast<std::size_t>(((BytesEqual(w, '\n') >> 7) * kOnes) >> 56);
  }
  for (; p < end; ++p) {
    odd |= static_cast<unsigned char>(*p) >= 0x80 || *p == '\0';
    special |= *p == '"' || *p == '\r';
    lines += *p == '\n';
  }
  lines += !text.empty() && text.back() != '\n';
  return {odd == 0, special == 0, lines};
}

}  // namespace careergraph::io
