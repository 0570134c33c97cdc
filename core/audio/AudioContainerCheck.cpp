#include "core/audio/AudioContainerCheck.h"

#include "core/common/Error.h"

#include <algorithm>
#include <cstdint>
#include <fstream>

namespace sb {
namespace {

constexpr int kMaxChunks = 4096;  // a forged file cannot make the walk long

class ChunkFile {
public:
    ChunkFile(const std::string& path, bool bigEndian) : in_(path, std::ios::binary), bigEndian_(bigEndian)
    {
        in_.seekg(0, std::ios::end);
        size_ = static_cast<uint64_t>(in_.tellg());
    }
    uint64_t size() const { return size_; }
    // `bytes` bytes at `offset`, or an empty string past the end.
    std::string at(uint64_t offset, size_t bytes)
    {
        if (offset > size_ || bytes > size_ - offset) return {};
        std::string s(bytes, '\0');
        in_.seekg(static_cast<std::streamoff>(offset));
        in_.read(s.data(), static_cast<std::streamsize>(bytes));
        return in_ ? s : std::string();
    }
    uint64_t number(const std::string& s, size_t from, int bytes) const
    {
        uint64_t v = 0;
        for (int i = 0; i < bytes; ++i) {
            const int k = bigEndian_ ? i : bytes - 1 - i;
            v = (v << 8) | static_cast<unsigned char>(s[from + size_t(k)]);
        }
        return v;
    }

private:
    std::ifstream in_;
    bool bigEndian_;
    uint64_t size_ = 0;
};

[[noreturn]] void truncated(const std::string& path, const char* chunk, uint64_t declared, uint64_t holds)
{
    throw Error("truncated or damaged audio file: its '" + std::string(chunk) + "' chunk declares " +
                    std::to_string(declared) + " bytes of samples, the file holds " + std::to_string(holds),
                path);
}

void checkFormat(const std::string& path, ChunkFile& f, const std::string& fmt)
{
    if (fmt.size() < 16) return;  // libsndfile refuses it
    const uint64_t tag = f.number(fmt, 0, 2), channels = f.number(fmt, 2, 2), align = f.number(fmt, 12, 2);
    const uint64_t bits = f.number(fmt, 14, 2);
    if ((tag == 1 || tag == 3) && align != channels * ((bits + 7) / 8))
        throw Error("damaged WAV header: block alignment " + std::to_string(align) + " does not fit " +
                        std::to_string(channels) + " channel(s) of " + std::to_string(bits) + "-bit samples",
                    path);
}

enum class Container { Wave, Rf64, Aiff, Aifc };

// Walks the chunks after the 12-byte RIFF/FORM header up to the sample chunk.
void walkChunks(const std::string& path, ChunkFile& f, Container container)
{
    const bool wave = container == Container::Wave || container == Container::Rf64;
    const bool rf64 = container == Container::Rf64;
    const std::string sampleChunk = wave ? "data" : "SSND";
    uint64_t pos = 12, rf64DataSize = 0, aiffBytes = 0;
    for (int n = 0; n < kMaxChunks; ++n) {
        const std::string header = f.at(pos, 8);
        if (header.empty()) return;  // no sample chunk: libsndfile reports it
        const std::string id = header.substr(0, 4);
        uint64_t size = f.number(header, 4, 4);
        const uint64_t body = pos + 8;
        if (rf64 && id == "ds64") {
            const std::string ds64 = f.at(body, 16);
            if (ds64.size() == 16) rf64DataSize = f.number(ds64, 8, 8);
        }
        if (wave && id == "fmt ") checkFormat(path, f, f.at(body, std::min<uint64_t>(size, 40)));
        if (container == Container::Aiff && id == "COMM") {
            // Uncompressed AIFF: frames x channels x bytes per sample is the SSND payload.
            const std::string comm = f.at(body, 8);
            if (comm.size() == 8)
                aiffBytes = f.number(comm, 2, 4) * f.number(comm, 0, 2) * ((f.number(comm, 6, 2) + 7) / 8);
        }
        if (id == sampleChunk) {
            if (rf64 && size == 0xFFFFFFFFu) size = rf64DataSize;
            if (size > f.size() - body) truncated(path, sampleChunk.c_str(), size, f.size() - body);
            if (aiffBytes > 0 && aiffBytes + 8 > size)
                throw Error("damaged AIFF header: it declares " + std::to_string(aiffBytes) +
                                " bytes of samples, its SSND chunk holds " + std::to_string(size < 8 ? 0 : size - 8),
                            path);
            return;
        }
        if (size > f.size() - body) return;  // a broken chunk before the samples: libsndfile reports it
        pos = body + size + (size & 1);       // chunks are padded to an even size
    }
}

}  // namespace

void checkAudioContainer(const std::string& path)
{
    ChunkFile probe(path, false);
    const std::string head = probe.at(0, 12);
    if (head.size() < 12) return;
    const std::string magic = head.substr(0, 4), form = head.substr(8, 4);
    if ((magic == "RIFF" || magic == "RIFX" || magic == "RF64") && form == "WAVE") {
        ChunkFile f(path, magic == "RIFX");
        walkChunks(path, f, magic == "RF64" ? Container::Rf64 : Container::Wave);
    } else if (magic == "FORM" && (form == "AIFF" || form == "AIFC")) {
        ChunkFile f(path, true);
        walkChunks(path, f, form == "AIFF" ? Container::Aiff : Container::Aifc);
    }
}

}  // namespace sb
