// ScanText against the rule it stands for, byte by byte, on texts of every length and
// alignment around its sixteen- and eight-byte steps and past the 255 blocks after which
// it sums its line counts.
#include "io/text_scan.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace careergraph::io {
namespace {

TextScan Reference(std::string_view text) {
  TextScan s;
  for (char c : text) {
    const auto b = static_cast<unsigned char>(c);
    if (b >= 0x80 || b == 0) s.ascii = false;
    if (c == '"' || c == '\r') s.plain = false;
    s.lines += c == '\n';
  }
  s.lines += !text.empty() && text.back() != '\n';
  return s;
}

void ExpectScan(std::string_view text) {
  const TextScan want = Reference(text), got = ScanText(text);
  EXPECT_EQ(got.ascii, want.ascii) << text.size() << " bytes";
  EXPECT_EQ(got.plain, want.plain) << text.size() << " bytes";
  EXPECT_EQ(got.lines, want.lines) << text.size() << " bytes";
}

TEST(TextScan, EmptyAndShortTexts) {
  ExpectScan(std::string_view());
  ExpectScan("");
  ExpectScan("\n");
  ExpectScan("a");
  ExpectScan("a,b\n1,2");
  EXPECT_EQ(ScanText("a,b\n1,2\n").lines, 2u);
  EXPECT_EQ(ScanText("a,b\n1,2").lines, 2u);  // the last line has no line end
  EXPECT_FALSE(ScanText("a,\"b\"\n").plain);
  EXPECT_FALSE(ScanText("a,b\r\n").plain);
  EXPECT_FALSE(ScanText(std::string_view("a\0b", 3)).ascii);
  EXPECT_FALSE(ScanText("Z\xc3\xbcrich\n").ascii);
}

TEST(TextScan, RandomTextsOfEveryShapeAgreeWithTheReference) {
  std::mt19937 rng(11);
  // Mostly table text; now and then a byte that makes it not plain or not ASCII.
  const std::string common = "0123456789.,\t\n abcxyz";
  auto text_of = [&](std::size_t n, int rare_per_mille) {
    std::string t(n, ' ');
    for (auto& c : t) {
      const int r = static_cast<int>(rng() % 1000);
      if (r < rare_per_mille) {
        const char rare[] = {'"', '\r', '\0', static_cast<char>(0x80), static_cast<char>(0xff), static_cast<char>(0xc3)};
        c = rare[rng() % sizeof rare];
      } else {
        c = common[rng() % common.size()];
      }
    }
    return t;
  };
  for (std::size_t n = 0; n < 80; ++n)
    for (int rare : {0, 20}) {
      const std::string t = text_of(n + 16, rare);
      for (std::size_t offset = 0; offset < 16; ++offset) ExpectScan(std::string_view(t).substr(offset, n));
    }
  // Past 255 blocks of sixteen bytes, with one rare byte at every position of a block.
  for (std::size_t n : {4079u, 4080u, 4081u, 4096u, 8200u, 100000u}) {
    std::string t = text_of(n, 0);
    ExpectScan(t);
    std::string all_lines(n, '\n');
    ExpectScan(all_lines);  // every lane counts 255 in a block run: the sums must not wrap
    for (std::size_t at : {std::size_t{0}, n / 2 + 7, n - 1}) {
      for (char rare : {'"', '\r', '\0', static_cast<char>(0x80)}) {
        std::string u = t;
        u[at] = rare;
        ExpectScan(u);
      }
    }
  }
}

}  // namespace
}  // namespace careergraph::io
