#include "core/checkpoint/PickleWriter.h"

#include "core/checkpoint/Utf8.h"
#include "core/common/Error.h"

#include <cstring>
#include <limits>

namespace sb {

namespace {
constexpr int kMaxJsonDepth = 64;
constexpr size_t kSetItemsBatch = 1000;  // as Python's pickler batches SETITEMS/APPENDS

bool isDecimalInteger(const std::string& s)
{
    if (s.empty() || s.size() > 18) return false;
    size_t i = s[0] == '-' ? 1 : 0;
    if (i == s.size() || (s[i] == '0' && s.size() > i + 1)) return false;
    for (; i < s.size(); ++i)
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}
}  // namespace

PickleWriter::PickleWriter()
{
    out_ = "\x80\x02";
}

void PickleWriter::littleEndian(uint64_t value, int bytes)
{
    for (int i = 0; i < bytes; ++i) out_ += static_cast<char>((value >> (8 * i)) & 0xff);
}

void PickleWriter::integer(int64_t value)
{
    if (value >= 0 && value < 256) {
        op('K');
        littleEndian(static_cast<uint64_t>(value), 1);
    } else if (value >= 0 && value < 65536) {
        op('M');
        littleEndian(static_cast<uint64_t>(value), 2);
    } else if (value >= std::numeric_limits<int32_t>::min() && value <= std::numeric_limits<int32_t>::max()) {
        op('J');
        littleEndian(static_cast<uint32_t>(static_cast<int32_t>(value)), 4);
    } else {
        op('\x8a');  // LONG1, 8 bytes two's complement
        littleEndian(8, 1);
        littleEndian(static_cast<uint64_t>(value), 8);
    }
}

void PickleWriter::real(double value)
{
    uint64_t bits = 0;
    std::memcpy(&bits, &value, 8);
    op('G');
    for (int i = 7; i >= 0; --i) out_ += static_cast<char>((bits >> (8 * i)) & 0xff);
}

void PickleWriter::unicode(const std::string& text)
{
    if (!isValidUtf8(text)) throw Error("name is not valid UTF-8", text);
    op('X');
    littleEndian(text.size(), 4);
    out_ += text;
}

void PickleWriter::global(const std::string& module, const std::string& name)
{
    op('c');
    out_ += module + "\n" + name + "\n";
}

void PickleWriter::json(const nlohmann::json& value, bool intKeys, int depth)
{
    if (depth > kMaxJsonDepth) throw Error("configuration nested too deeply to write");
    switch (value.type()) {
    case nlohmann::json::value_t::null: none(); break;
    case nlohmann::json::value_t::boolean: boolean(value.get<bool>()); break;
    case nlohmann::json::value_t::number_integer: integer(value.get<int64_t>()); break;
    case nlohmann::json::value_t::number_unsigned:
        if (value.get<uint64_t>() > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
            throw Error("integer too large for a checkpoint", value.dump());
        integer(value.get<int64_t>());
        break;
    case nlohmann::json::value_t::number_float: real(value.get<double>()); break;
    case nlohmann::json::value_t::string: unicode(value.get<std::string>()); break;
    case nlohmann::json::value_t::array: {
        emptyList();
        size_t n = 0;
        for (const auto& item : value) {
            if (n++ % kSetItemsBatch == 0) {
                if (n > 1) appends();
                mark();
            }
            json(item, intKeys, depth + 1);
        }
        if (n > 0) appends();
        break;
    }
    case nlohmann::json::value_t::object: {
        emptyDict();
        size_t n = 0;
        for (const auto& [key, item] : value.items()) {
            if (n++ % kSetItemsBatch == 0) {
                if (n > 1) setItems();
                mark();
            }
            if (intKeys && isDecimalInteger(key)) integer(std::stoll(key));
            else unicode(key);
            json(item, intKeys, depth + 1);
        }
        if (n > 0) setItems();
        break;
    }
    default: throw Error("value of type " + std::string(value.type_name()) + " cannot be written to a checkpoint");
    }
}

}  // namespace sb
