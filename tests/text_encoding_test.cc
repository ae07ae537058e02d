// The UTF-8 rule for every text input (io/text_encoding.h).
#include <gtest/gtest.h>

#include "io/proto_reader.h"
#include "io/text_encoding.h"

namespace careergraph::io {
namespace {

TEST(TextEncodingTest, AcceptsUtf8AndFindsTheFirstBadByteByLineAndColumn) {
  EXPECT_FALSE(CheckUtf8Text("id,title\ncafe,Caf\xC3\xA9 Manager\n\xF0\x9F\x98\x80\n"));
  auto bad = CheckUtf8Text("id,title\nx,Caf\xE9 Manager\n");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->line, 2u);
  EXPECT_EQ(bad->column, 6u);
  EXPECT_NE(bad->message.find("0xE9"), std::string::npos) << bad->message;
  EXPECT_NE(bad->message.find("column 6"), std::string::npos) << bad->message;
  // Columns count characters: the bad byte after a two-byte character is column 3.
  bad = CheckUtf8Text("\xC3\xA9\x80x");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->column, 2u);
  // Overlong forms, surrogates, past U+10FFFF, truncated sequences, NUL.
  for (std::string_view s : std::initializer_list<std::string_view>{"\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "ab\xE2\x82", std::string_view("a\0b", 3)})
    EXPECT_TRUE(CheckUtf8Text(s)) << s;
}

TEST(TextEncodingTest, RefusesUtf16ByNameAndSkipsAUtf8Bom) {
  auto le = CheckUtf8Text(std::string_view("\xFF\xFEi\0d\0", 6));
  ASSERT_TRUE(le);
  EXPECT_NE(le->message.find("UTF-16"), std::string::npos);
  EXPECT_TRUE(CheckUtf8Text("\xFE\xFF\0i"));
  EXPECT_FALSE(CheckUtf8Text("\xEF\xBB\xBFid\n"));
  EXPECT_EQ(StripUtf8Bom("\xEF\xBB\xBFid"), "id");
  EXPECT_EQ(StripUtf8Bom("id"), "id");
}

// A textproto file can be UTF-8 itself and still spell bytes that are not, by escapes: the
// snapshot built from it could not be read back, so the reader refuses it at its line.
TEST(TextEncodingTest, RefusesATextprotoStringWhoseEscapesAreNotUtf8) {
  const LadderPart bad = ReadProtoLadder(
      "positions { id: \"a\" title: \"x\" }\npositions { id: \"b\" tags: \"ok\" tags: \"caf\\351\" }\n",
      "bad.textproto", ProtoFormat::kText);
  ASSERT_EQ(bad.findings.size(), 1u);
  EXPECT_EQ(bad.findings[0].code(), "not-utf8");
  EXPECT_EQ(bad.findings[0].line(), 2u);
  EXPECT_EQ(bad.findings[0].field(), "positions[1].tags[1]");
  EXPECT_EQ(bad.graph.positions_size(), 0);
  // The same character's UTF-8 bytes, escaped, are accepted.
  const LadderPart good =
      ReadProtoLadder("positions { id: \"b\" title: \"caf\\303\\251\" }\n", "good.textproto", ProtoFormat::kText);
  EXPECT_TRUE(good.findings.empty());
  EXPECT_EQ(good.graph.positions(0).title(), "caf\u00e9");
}

}  // namespace
}  // namespace careergraph::io
