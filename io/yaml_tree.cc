#include "io/yaml_tree.h"

#include <cstring>
#include <utility>

namespace careergraph::io {
namespace {

// Thrown inside the parser when the text leaves the subset; Parse turns it into nothing.
struct NotInSubset {};

// yaml-cpp reads these plain scalars as a null (IsNullString in its parser).
bool IsNullWord(std::string_view s) { return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL"; }

bool IsAsciiAlnum(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Deeper nesting is legal YAML but no ladder needs it; yaml-cpp takes it (and guards its stack).
constexpr int kMaxDepth = 64;
// yaml-cpp refuses implicit keys over 1024 characters; longer ones go to it to be refused.
constexpr std::size_t kMaxKeyLength = 1000;

}  // namespace

// Recursive descent over lines. Each block function is entered with the position at its first
// token and returns with the position at the first token of the next content line (or at the
// end, eof_), so the caller compares that line's indentation with its own.
class YamlTreeParser {
 public:
  YamlTreeParser(std::string_view text, YamlTree* tree) : s_(text), t_(tree) {}

  void Document() {
    for (const char c : s_) {
      // Tabs (yaml-cpp's indentation rules), CR (line ends), other controls: yaml-cpp's. So are
      // 0xFE and 0xFF, never in UTF-8, from which yaml-cpp would guess UTF-16 or UTF-32.
      const auto u = static_cast<unsigned char>(c);
      if ((u < 0x20 && c != '\n') || u == 0x7f || u >= 0xfe) Fail();
    }
    // A byte-order mark inside the text (the loader strips a leading one).
    if (s_.find("\xEF\xBB\xBF") != std::string_view::npos) Fail();
    if (!NextContentLine() || !LooksLikeKey()) Fail();
    BlockMapping(Column());
    if (!eof_) Fail();  // a line less indented than the root mapping
  }

 private:
  using Kind = YamlTree::Kind;
  enum class Stop { kLineEnd, kKey, kFlowIndicator };

  [[noreturn]] static void Fail() { throw NotInSubset{}; }
  // The text holds no NUL (checked above), so '\0' stands for the end.
  char At(std::size_t i) const { return i < s_.size() ? s_[i] : '\0'; }
  char Cur() const { return At(p_); }
  std::size_t Column() const { return p_ - line_start_; }
  static bool IsBlankOrEnd(char c) { return c == ' ' || c == '\n' || c == '\0'; }
  bool IsEntry() const { return Cur() == '-' && IsBlankOrEnd(At(p_ + 1)); }
  // After blanks: nothing more on this line but perhaps a comment.
  bool AtLineEnd() const { return Cur() == '\n' || Cur() == '\0' || (Cur() == '#' && At(p_ - 1) == ' '); }
  void NewLine(std::size_t start) {
    p_ = line_start_ = start;
    ++line_;
  }
  void SkipToLineBreak() {
    const std::size_t nl = s_.find('\n', p_);
    p_ = nl == std::string_view::npos ? s_.size() : nl;
  }

  // ---- nodes ------------------------------------------------------------------------------
  std::uint32_t Add(Kind kind, std::uint32_t line, std::uint32_t first = YamlTree::kNone, std::uint32_t size = 0,
                    bool decoded = false) {
    t_->nodes_.push_back(YamlTree::Node{line, kind, decoded, first, size, YamlTree::kNone});
    return static_cast<std::uint32_t>(t_->nodes_.size() - 1);
  }
  std::uint32_t Plain(std::uint32_t line, std::size_t begin, std::size_t end) {
    const bool null = IsNullWord(s_.substr(begin, end - begin));
    return Add(null ? Kind::kNull : Kind::kScalar, line, static_cast<std::uint32_t>(begin),
               static_cast<std::uint32_t>(end - begin));
  }
  std::uint32_t Decoded(std::uint32_t line, std::string_view text) {
    const auto at = static_cast<std::uint32_t>(t_->decoded_.size());
    t_->decoded_.append(text);
    return Add(Kind::kScalar, line, at, static_cast<std::uint32_t>(text.size()), true);
  }
  void Append(std::uint32_t parent, std::uint32_t* last, std::uint32_t child) {
    auto& n = t_->nodes_;
    (*last == YamlTree::kNone ? n[parent].first : n[*last].next) = child;
    *last = child;
    ++n[parent].size;
  }
  struct DepthGuard {
    explicit DepthGuard(int* depth) : d(depth) {
      if (++*d > kMaxDepth) Fail();
    }
    ~DepthGuard() { --*d; }
    int* d;
  };

  // ---- lines ------------------------------------------------------------------------------
  // From the start of a line: skips blank and comment lines; at the next content line's first
  // token returns true, at the end sets eof_.
  bool NextContentLine() {
    for (;;) {
      while (Cur() == ' ') ++p_;
      if (Cur() == '\0') return !(eof_ = true);
      if (Cur() == '#') SkipToLineBreak();
      if (Cur() == '\n') {
        NewLine(p_ + 1);
        continue;
      }
      if (Cur() == '\0') return !(eof_ = true);
      // Document markers (a second document, an explicit end) are yaml-cpp's.
      if (Column() == 0 && (s_.substr(p_, 3) == "---" || s_.substr(p_, 3) == "...") && IsBlankOrEnd(At(p_ + 3))) Fail();
      eof_ = false;
      return true;
    }
  }

  // After a value: blanks and perhaps a comment, then the line break (or the end).
  void FinishLine() {
    while (Cur() == ' ') ++p_;
    if (Cur() == '#') {
      if (At(p_ - 1) != ' ') Fail();  // '#' right after a token: leave that reading to yaml-cpp
      SkipToLineBreak();
    }
    if (Cur() == '\0') return;
    if (Cur() != '\n') Fail();
    NewLine(p_ + 1);
  }

  // ---- scalars ----------------------------------------------------------------------------
  // A plain scalar from here on this line: leaves the position at what stopped it (a key's
  // ':', the blank before a comment, the line break or, in flow, ',' ']' '}') and returns that.
  Stop ScanPlain(bool flow, std::size_t* end) {
    const char c = Cur(), next = At(p_ + 1);
    if (c == '\0' || c == '\n' || std::strchr("?:,[]{}#&*!|>'\"%@`", c)) Fail();
    if (c == '-' && !(IsAsciiAlnum(next) || next == '.')) Fail();  // "- " is an entry; "-5" a number
    const std::size_t begin = p_;
    Stop stop = Stop::kLineEnd;
    for (;; ++p_) {
      const char x = Cur();
      if (x == '\n' || x == '\0') break;
      if (x == ' ' && At(p_ + 1) == '#') break;
      if (x == ':') {
        const char y = At(p_ + 1);
        if (IsBlankOrEnd(y) || (flow && (y == ',' || y == ']' || y == '}'))) {
          stop = Stop::kKey;
          break;
        }
      }
      if (flow) {
        if (x == ',' || x == ']' || x == '}') {
          stop = Stop::kFlowIndicator;
          break;
        }
        if (x == '[' || x == '{' || x == '?') Fail();  // yaml-cpp ends a flow scalar there
      }
    }
    std::size_t e = p_;
    while (e > begin && s_[e - 1] == ' ') --e;
    *end = e;
    return stop;
  }

  // A quoted scalar on one line; the position ends after the closing quote.
  std::uint32_t Quoted() {
    const std::uint32_t line = line_;
    const char quote = Cur();
    const std::size_t begin = ++p_;
    std::string buf;
    bool changed = false;
    auto change = [&] {
      if (!changed) buf.assign(s_.substr(begin, p_ - begin));
      changed = true;
    };
    for (;;) {
      const char c = Cur();
      if (c == '\n' || c == '\0') Fail();  // folded over lines, or unterminated
      if (c == quote) {
        if (quote == '\'' && At(p_ + 1) == '\'') {
          change();
          buf += '\'';
          p_ += 2;
          continue;
        }
        break;
      }
      if (quote == '"' && c == '\\') {
        char out;
        switch (At(p_ + 1)) {
          case '\\': out = '\\'; break;
          case '"': out = '"'; break;
          case '/': out = '/'; break;
          case 'n': out = '\n'; break;
          case 't': out = '\t'; break;
          case 'r': out = '\r'; break;
          default: Fail();  // \x, \u, a line continuation...: yaml-cpp's
        }
        change();
        buf += out;
        p_ += 2;
        continue;
      }
      if (changed) buf += c;
      ++p_;
    }
    const std::size_t end = p_++;
    return changed ? Decoded(line, buf) : Add(Kind::kScalar, line, static_cast<std::uint32_t>(begin),
                                               static_cast<std::uint32_t>(end - begin));
  }

  // A literal (|) or folded (>) block scalar, clipped or stripped ('-'), in a collection
  // indented `n`; ends at the next content line.
  std::uint32_t BlockScalar(std::size_t n) {
    const std::uint32_t line = line_;
    const bool folded = Cur() == '>';
    ++p_;
    const bool strip = Cur() == '-';
    if (strip) ++p_;
    if (Cur() != ' ' && Cur() != '\n' && Cur() != '#') Fail();  // '+' or an indentation digit
    FinishLine();
    if (Cur() == '\0') Fail();
    std::string text;
    std::size_t indent = 0;
    std::size_t blanks = 0;
    bool any = false;
    for (;;) {
      std::size_t q = p_;
      while (At(q) == ' ') ++q;
      const std::size_t k = q - p_;
      if (At(q) == '\0') {
        // Spaces with no line break after them at the end: yaml-cpp folds them in.
        if (!any || k > 0) Fail();
        p_ = q;
        break;
      }
      if (At(q) == '\n') {
        // Blank lines before the first line, or with spaces beyond the indentation (content
        // in YAML), follow rules of their own: yaml-cpp's.
        if (!any || k > indent) Fail();
        ++blanks;
        NewLine(q + 1);
        continue;
      }
      if (!any) {
        indent = k;
        if (indent <= n) Fail();  // an empty block scalar
      } else if (k < indent) {
        break;  // the next content line (or a comment), at the start of its line
      }
      if (k > indent) Fail();  // more-indented lines keep their breaks when folded
      if (any) {
        if (folded) text.append(blanks ? blanks : 1, blanks ? '\n' : ' ');
        else text.append(blanks + 1, '\n');
      }
      blanks = 0;
      any = true;
      std::size_t e = q;
      while (At(e) != '\n' && At(e) != '\0') ++e;
      text.append(s_.substr(q, e - q));
      if (At(e) == '\0') Fail();  // a last line without a line break: clipping it is yaml-cpp's
      NewLine(e + 1);
    }
    if (!strip) text += '\n';
    const std::uint32_t node = Decoded(line, text);
    NextContentLine();
    return node;
  }

  // ---- block collections ------------------------------------------------------------------
  // Whether the current line starts a "key:" (without moving).
  bool LooksLikeKey() {
    const std::size_t at = p_;
    bool key = false;
    try {
      if (Cur() == '"' || Cur() == '\'') {
        const std::size_t nodes = t_->nodes_.size(), decoded = t_->decoded_.size();
        Quoted();
        t_->nodes_.resize(nodes);
        t_->decoded_.resize(decoded);
        key = Cur() == ':' && IsBlankOrEnd(At(p_ + 1));
      } else if (Cur() != '[' && Cur() != '{' && Cur() != '|' && Cur() != '>') {
        std::size_t end;
        key = ScanPlain(false, &end) == Stop::kKey;
      }
    } catch (const NotInSubset&) {
      key = false;
    }
    p_ = at;
    return key;
  }

  // "key:" in a block or flow mapping; the position ends after the ':'.
  std::uint32_t Key(bool flow) {
    std::uint32_t key;
    if (Cur() == '"' || Cur() == '\'') {
      key = Quoted();
    } else {
      const std::size_t begin = p_;
      std::size_t end;
      if (ScanPlain(flow, &end) != Stop::kKey) Fail();  // not a key, or {a, b}
      key = CheckedKey(begin, end);
    }
    if (Cur() != ':' || !IsBlankOrEnd(At(p_ + 1))) Fail();
    ++p_;
    return key;
  }
  std::uint32_t CheckedKey(std::size_t begin, std::size_t end) {
    const std::string_view k = s_.substr(begin, end - begin);
    if (k.size() > kMaxKeyLength || k == "<<") Fail();  // "<<" may be a merge key
    return Plain(line_, begin, end);
  }

  std::uint32_t BlockMapping(std::size_t n) {
    DepthGuard guard(&depth_);
    const std::uint32_t map = Add(Kind::kMap, line_);
    std::uint32_t last = YamlTree::kNone;
    for (;;) {
      Append(map, &last, Key(false));
      Append(map, &last, MappingValue(n));
      if (eof_ || Column() < n) return map;
      if (Column() > n) Fail();  // a continued plain scalar, or bad indentation
    }
  }

  std::uint32_t MappingValue(std::size_t n) {
    while (Cur() == ' ') ++p_;
    if (!AtLineEnd()) return InlineValue(n);
    FinishLine();
    if (!NextContentLine()) Fail();  // an empty value: yaml-cpp's null takes the next token's line
    if (Column() > n) return BlockNode(Column());
    if (Column() == n && IsEntry()) return BlockSequence(n);  // a sequence at its key's indentation
    Fail();
  }

  // A collection on its own lines, indented `c`.
  std::uint32_t BlockNode(std::size_t c) {
    if (IsEntry()) return BlockSequence(c);
    if (!LooksLikeKey()) Fail();  // a scalar on a line of its own
    return BlockMapping(c);
  }

  std::uint32_t BlockSequence(std::size_t m) {
    DepthGuard guard(&depth_);
    const std::uint32_t seq = Add(Kind::kSequence, line_);
    std::uint32_t last = YamlTree::kNone;
    for (;;) {
      ++p_;  // the '-'
      while (Cur() == ' ') ++p_;
      std::uint32_t item;
      if (AtLineEnd()) {
        FinishLine();
        if (!NextContentLine() || Column() <= m) Fail();  // an empty entry
        item = BlockNode(Column());
      } else if (IsEntry()) {
        Fail();  // "- - x"
      } else if (LooksLikeKey()) {
        item = BlockMapping(Column());
      } else {
        item = InlineValue(m);
      }
      Append(seq, &last, item);
      if (eof_ || Column() < m) return seq;
      if (Column() > m) Fail();
      if (!IsEntry()) return seq;  // the next key of the mapping this sequence is a value of
    }
  }

  // A value that starts on the current line, in a collection indented `n`.
  std::uint32_t InlineValue(std::size_t n) {
    const char c = Cur();
    if (c == '|' || c == '>') return BlockScalar(n);
    std::uint32_t v;
    if (c == '"' || c == '\'') {
      v = Quoted();
    } else if (c == '[' || c == '{') {
      v = Flow(n);
    } else {
      const std::size_t begin = p_;
      std::size_t end;
      if (ScanPlain(false, &end) == Stop::kKey) Fail();  // "a: b: c"
      v = Plain(line_, begin, end);
    }
    FinishLine();
    NextContentLine();
    return v;
  }

  // ---- flow collections -------------------------------------------------------------------
  // Blanks, comments and line breaks inside [...] or {...}; continuation lines must be
  // indented more than the block collection `n` holding the flow collection.
  void FlowSpace(std::size_t n) {
    for (;;) {
      while (Cur() == ' ') ++p_;
      if (Cur() == '#') {
        if (At(p_ - 1) != ' ' && p_ != line_start_) Fail();
        SkipToLineBreak();
      }
      if (Cur() != '\n') return;
      NewLine(p_ + 1);
      while (Cur() == ' ') ++p_;
      if (Cur() != '\n' && Cur() != '#' && Cur() != '\0' && Column() <= n) Fail();
    }
  }

  std::uint32_t Flow(std::size_t n) {
    DepthGuard guard(&depth_);
    const bool map = Cur() == '{';
    const char close = map ? '}' : ']';
    const std::uint32_t node = Add(map ? Kind::kMap : Kind::kSequence, line_);
    std::uint32_t last = YamlTree::kNone;
    ++p_;
    FlowSpace(n);
    if (Cur() == close) {
      ++p_;
      return node;
    }
    for (;;) {
      if (map) {
        Append(node, &last, Key(true));
        FlowSpace(n);
        if (Cur() == ',' || Cur() == '}') Fail();  // an empty value
      }
      Append(node, &last, FlowItem(n));
      FlowSpace(n);
      if (Cur() == close) {
        ++p_;
        return node;
      }
      if (Cur() != ',') Fail();  // "[a: b]", a scalar continued on the next line, ...
      ++p_;
      FlowSpace(n);
      if (Cur() == close || Cur() == ',') Fail();  // a trailing comma or an empty entry
    }
  }

  std::uint32_t FlowItem(std::size_t n) {
    const char c = Cur();
    if (c == '[' || c == '{') return Flow(n);
    if (c == '"' || c == '\'') return Quoted();
    const std::uint32_t line = line_;
    const std::size_t begin = p_;
    std::size_t end;
    ScanPlain(true, &end);
    return Plain(line, begin, end);
  }

  std::string_view s_;
  YamlTree* t_;
  std::size_t p_ = 0;
  std::size_t line_start_ = 0;
  std::uint32_t line_ = 1;
  bool eof_ = false;
  int depth_ = 0;
};

std::optional<YamlTree> YamlTree::Parse(std::string_view text) {
  if (text.size() >= kNone) return std::nullopt;  // offsets are 32-bit
  YamlTree tree;
  tree.text_ = text;
  // About one node per 12 bytes of a ladder: one reservation instead of doubling through it.
  tree.nodes_.reserve(text.size() / 12 + 16);
  try {
    YamlTreeParser(text, &tree).Document();
  } catch (const NotInSubset&) {
    return std::nullopt;
  }
  return tree;
}

}  // namespace careergraph::io
