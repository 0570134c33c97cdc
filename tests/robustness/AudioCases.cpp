#include "AudioCases.h"

#include "WavBytes.h"

#include <sndfile.h>

#include <cmath>
#include <cstring>
#include <limits>

namespace sb::robust {
namespace {

constexpr int kRate = 44100;

class AudioCaseList {
public:
    void add(const std::string& name, std::string bytes, const std::string& file = "clip.wav")
    {
        RobustCase c;
        c.name = "audio/" + name;
        c.family = Family::Audio;
        c.loader = Loader::Audio;
        c.files.push_back({file, std::move(bytes)});
        c.input = file;
        cases.push_back(std::move(c));
    }
    void addSpecial(const std::string& name, InputFile file, const std::string& input)
    {
        RobustCase c;
        c.name = "audio/" + name;
        c.family = Family::Audio;
        c.loader = Loader::Audio;
        c.files.push_back(std::move(file));
        c.input = input;
        cases.push_back(std::move(c));
    }
    void control(const std::string& name, std::string bytes, const std::string& file)
    {
        add(name, std::move(bytes), file);
        cases.back().valid = true;
    }
    std::vector<RobustCase> cases;
};

WavSpec baseWav()
{
    WavSpec s;
    s.samples = pcm16(tone(kRate, 1, kRate));
    return s;
}

std::string patched(std::string bytes, size_t at, const std::string& with)
{
    bytes.replace(at, with.size(), with);
    return bytes;
}

void truncations(AudioCaseList& list, std::mt19937& rng, const std::string& scratch)
{
    const std::string wav = wavBytes(baseWav());
    // Every header byte boundary, then cuts inside the samples (the header still claims them all).
    for (size_t at : {0, 1, 2, 3, 4, 5, 8, 11, 12, 13, 16, 19, 20, 22, 24, 28, 32, 34, 35, 36, 37, 40, 43, 44, 45, 46,
                      100, 1001, 5651, 10000, 44101, 88000, 88242, 88243})
        list.add("wav16-truncated-at-" + std::to_string(at), wav.substr(0, at));
    std::uniform_int_distribution<size_t> inData(46, wav.size() - 2);
    for (int i = 0; i < 16; ++i) {
        const size_t at = inData(rng);
        list.add("wav16-truncated-randomly-at-" + std::to_string(at), wav.substr(0, at));
    }
    WavSpec stereo24;
    stereo24.channels = 2;
    stereo24.bits = 24;
    for (size_t i = 0; i < size_t(kRate) * 2; ++i) stereo24.samples += std::string("\x10\x20\x03", 3);
    const std::string wav24 = wavBytes(stereo24);
    WavSpec f32;
    f32.tag = 3;
    f32.bits = 32;
    f32.samples = float32(tone(kRate, 1, kRate));
    const std::string wavFloat = wavBytes(f32);
    for (int i = 0; i < 8; ++i) {
        const size_t a = std::uniform_int_distribution<size_t>(50, wav24.size() - 1)(rng);
        list.add("wav24-stereo-truncated-at-" + std::to_string(a), wav24.substr(0, a));
        const size_t b = std::uniform_int_distribution<size_t>(50, wavFloat.size() - 1)(rng);
        list.add("wav-float-truncated-at-" + std::to_string(b), wavFloat.substr(0, b));
    }
    const auto mono = tone(kRate, 1, kRate);
    const std::string flac = sndfileBytes(scratch, SF_FORMAT_FLAC | SF_FORMAT_PCM_16, mono, 1, kRate);
    const std::string aiff = sndfileBytes(scratch, SF_FORMAT_AIFF | SF_FORMAT_PCM_16, mono, 1, kRate);
    const std::string rf64 = sndfileBytes(scratch, SF_FORMAT_RF64 | SF_FORMAT_PCM_16, mono, 1, kRate);
    for (double share : {0.0, 0.001, 0.02, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99}) {
        const auto cut = [share](const std::string& b) { return b.substr(0, size_t(share * double(b.size()))); };
        const std::string pct = std::to_string(int(share * 1000)) + "permille";
        list.add("flac-truncated-" + pct, cut(flac), "clip.flac");
        list.add("aiff-truncated-" + pct, cut(aiff), "clip.aiff");
        list.add("rf64-truncated-" + pct, cut(rf64), "clip.wav");
    }
    // Containers whose length libsndfile cannot check: cut inside their headers.
    for (const int format : {SF_FORMAT_OGG | SF_FORMAT_VORBIS, SF_FORMAT_W64 | SF_FORMAT_PCM_16,
                             SF_FORMAT_CAF | SF_FORMAT_PCM_16, SF_FORMAT_AU | SF_FORMAT_PCM_16})
        for (size_t at : {4, 12, 24}) {
            const std::string b = sndfileBytes(scratch, format, mono, 1, kRate);
            list.add("format-" + std::to_string(format >> 16) + "-header-cut-at-" + std::to_string(at), b.substr(0, at),
                     "clip.audio");
        }
}

void wrongHeaders(AudioCaseList& list)
{
    auto field = [&list](const std::string& name, WavSpec s) { list.add(name, wavBytes(s)); };
    for (const char* magic : {"RIFG", "riff", "RIF\0", "\0\0\0\0", "FORM"}) {
        WavSpec s = baseWav();
        s.riff = std::string(magic, 4);
        field("riff-magic-" + std::to_string(list.cases.size()), s);
    }
    for (const char* magic : {"WAVF", "wave", "AVI ", "\0\0\0\0"}) {
        WavSpec s = baseWav();
        s.wave = std::string(magic, 4);
        field("wave-magic-" + std::to_string(list.cases.size()), s);
    }
    for (const char* id : {"fmt\0", "FMT ", "xxxx"}) {
        WavSpec s = baseWav();
        s.fmtId = std::string(id, 4);
        field("fmt-id-" + std::to_string(list.cases.size()), s);
    }
    for (const char* id : {"DATA", "dat\0", "junk"}) {
        WavSpec s = baseWav();
        s.dataId = std::string(id, 4);
        field("data-id-" + std::to_string(list.cases.size()), s);
    }
    for (uint32_t size : {0u, 2u, 8u, 14u, 200u, 0x7fffffffu, 0xffffffffu}) {
        WavSpec s = baseWav();
        s.fmtSize = size;
        field("fmt-size-" + std::to_string(size), s);
    }
    for (uint16_t tag : {0x0000, 0x1234, 0x2000, 0x0160, 0x0161, 0x674f, 0xffff, 0x0008, 0x0092}) {
        WavSpec s = baseWav();
        s.tag = tag;
        field("format-tag-" + std::to_string(tag), s);
    }
    for (uint16_t channels : {0, 65, 100, 256, 1025, 2000, 65535}) {
        WavSpec s = baseWav();
        s.channels = channels;
        field("channels-" + std::to_string(channels), s);
    }
    for (uint32_t rate : {0u, 1u, 2u, 100u, 999u, 768001u, 1000000u, 0x7fffffffu, 0xffffffffu}) {
        WavSpec s = baseWav();
        s.rate = rate;
        field("sample-rate-" + std::to_string(rate), s);
    }
    for (uint16_t bits : {0, 65, 255, 1000}) {
        WavSpec s = baseWav();
        s.bits = bits;
        s.blockAlign = 2;
        field("bits-per-sample-" + std::to_string(bits), s);
    }
    for (uint32_t align : {0u, 65535u}) {
        WavSpec s = baseWav();
        s.blockAlign = align;
        field("block-align-" + std::to_string(align), s);
    }
    // WAVE_FORMAT_EXTENSIBLE whose sub-format GUID names no codec, and one whose cbSize overruns.
    WavSpec ext = baseWav();
    ext.tag = 0xfffe;
    ext.fmtExtra = le16(22) + le16(16) + le32(4) + std::string(16, '\x5a');
    field("extensible-unknown-subformat", ext);
    ext.fmtExtra = le16(0xffff);
    field("extensible-cbsize-overrun", ext);
}

void degenerate(AudioCaseList& list)
{
    list.add("zero-length", "");
    list.add("riff-magic-only", "RIFF");
    list.add("zeros-44", std::string(44, '\0'));
    WavSpec empty = baseWav();
    empty.samples.clear();
    list.add("header-only-no-samples", wavBytes(empty));
    for (size_t frames : {1, 2, 100, 1000}) {
        WavSpec s = baseWav();
        s.samples = pcm16(tone(frames, 1, kRate));
        list.add("too-short-" + std::to_string(frames) + "-frames", wavBytes(s));
    }
}

// Replaces sample `frame` (channel 0) of a float file's data with `value`.
void nonFinite(AudioCaseList& list, const std::string& scratch)
{
    const std::vector<std::pair<std::string, uint32_t>> values = {
        {"nan", 0x7fc00000u}, {"neg-nan", 0xffc00000u}, {"snan", 0x7f800001u}, {"inf", 0x7f800000u}, {"neg-inf", 0xff800000u}};
    const std::vector<size_t> frames = {0, 1, size_t(kRate) / 2, size_t(kRate) - 1};
    auto asFloat = [](uint32_t bits) {
        float f;
        std::memcpy(&f, &bits, 4);
        return f;
    };
    for (const auto& [valueName, bits] : values)
        for (const size_t frame : frames) {
            auto samples = tone(kRate, 1, kRate);
            samples[frame] = asFloat(bits);
            const std::string at = valueName + "-at-frame-" + std::to_string(frame);
            WavSpec f32;
            f32.tag = 3;
            f32.bits = 32;
            f32.samples = float32(samples);
            list.add("wav-float32-" + at, wavBytes(f32));
            std::vector<double> wide(samples.begin(), samples.end());
            WavSpec f64 = f32;
            f64.bits = 64;
            f64.samples = float64(wide);
            list.add("wav-float64-" + at, wavBytes(f64));
            list.add("aiff-float-" + at, sndfileBytes(scratch, SF_FORMAT_AIFF | SF_FORMAT_FLOAT, samples, 1, kRate), "clip.aiff");
            list.add("caf-float-" + at, sndfileBytes(scratch, SF_FORMAT_CAF | SF_FORMAT_FLOAT, samples, 1, kRate), "clip.caf");
            list.add("w64-float-" + at, sndfileBytes(scratch, SF_FORMAT_W64 | SF_FORMAT_FLOAT, samples, 1, kRate), "clip.w64");
            auto stereo = tone(kRate, 2, kRate);
            stereo[frame * 2 + 1] = asFloat(bits);
            WavSpec s2 = f32;
            s2.channels = 2;
            s2.samples = float32(stereo);
            list.add("wav-float32-stereo-right-" + at, wavBytes(s2));
        }
    // Finite samples whose down-mix overflows: both channels at the largest float.
    auto stereo = tone(kRate, 2, kRate);
    stereo[100] = stereo[101] = std::numeric_limits<float>::max();
    WavSpec s2;
    s2.tag = 3;
    s2.bits = 32;
    s2.channels = 2;
    s2.samples = float32(stereo);
    list.add("wav-float32-stereo-downmix-overflow", wavBytes(s2));
}

void hugeClaims(AudioCaseList& list, const std::string& scratch)
{
    for (uint32_t size : {88201u, 88202u, 100000u, 0x7fffffffu, 0x80000000u, 0xfffffff0u, 0xffffffffu}) {
        WavSpec s = baseWav();
        s.dataSize = size;
        list.add("wav-data-size-" + std::to_string(size), wavBytes(s));
    }
    const auto mono = tone(kRate, 1, kRate);
    const std::string rf64 = sndfileBytes(scratch, SF_FORMAT_RF64 | SF_FORMAT_PCM_16, mono, 1, kRate);
    const size_t ds64 = rf64.find("ds64");
    for (uint64_t size : {uint64_t(1) << 40, uint64_t(1) << 62, uint64_t(88202)})
        list.add("rf64-data-size-" + std::to_string(size), patched(rf64, ds64 + 16, le64(size)));
    // FLAC STREAMINFO: 36-bit total sample count in bytes 21..25 (after "fLaC" and the block header).
    const std::string flac = sndfileBytes(scratch, SF_FORMAT_FLAC | SF_FORMAT_PCM_16, mono, 1, kRate);
    std::string bigFlac = flac;
    bigFlac[21] = char((uint8_t(bigFlac[21]) & 0xf0) | 0x0f);
    for (int i = 22; i < 26; ++i) bigFlac[size_t(i)] = '\xff';
    list.add("flac-total-samples-2^36", bigFlac, "clip.flac");
    std::string doubleFlac = flac;
    doubleFlac.replace(22, 4, be32(uint32_t(kRate * 2)));
    list.add("flac-total-samples-doubled", doubleFlac, "clip.flac");
    const std::string aiff = sndfileBytes(scratch, SF_FORMAT_AIFF | SF_FORMAT_PCM_16, mono, 1, kRate);
    const size_t comm = aiff.find("COMM"), ssnd = aiff.find("SSND");
    list.add("aiff-frames-2^31", patched(aiff, comm + 10, be32(0x80000000u)), "clip.aiff");
    list.add("aiff-ssnd-size-2^32", patched(aiff, ssnd + 4, be32(0xfffffff0u)), "clip.aiff");
    list.add("aiff-ssnd-size-plus-2", patched(aiff, ssnd + 4, be32(uint32_t(kRate * 2 + 8 + 2))), "clip.aiff");
}

void otherFormats(AudioCaseList& list, std::mt19937& rng)
{
    using namespace std::string_literals;  // the magic numbers hold NUL bytes
    const std::vector<std::pair<std::string, std::string>> heads = {
        {"midi", "MThd\0\0\0\x06\0\x01\0\x01\x01\xe0MTrk"s},
        {"png", "\x89PNG\r\n\x1a\n"s},
        {"jpeg", "\xff\xd8\xff\xe0\x00\x10JFIF"s},
        {"pdf", "%PDF-1.7\n"s},
        {"zip", "PK\x03\x04\x14\0\0\0"s},
        {"gzip", "\x1f\x8b\x08\x00"s},
        {"m4a", "\0\0\0\x20" "ftypM4A \0\0\0\0"s},
        {"webm", "\x1a\x45\xdf\xa3"s},
        {"asf-wma", "\x30\x26\xb2\x75\x8e\x66\xcf\x11\xa6\xd9\x00\xaa\x00\x62\xce\x6c"s},
        {"amr", "#!AMR\n"s},
        {"text", "these are not the samples you are looking for\n"s},
        {"html", "<!DOCTYPE html><html><body>404 Not Found</body></html>\n"s},
        {"json", "{\"samples\": [0.1, 0.2]}\n"s},
        {"npy", "\x93NUMPY\x01\0v\0{'descr': '<f4', 'fortran_order': False, 'shape': (10,), }"s},
    };
    for (const auto& [name, head] : heads) {
        std::string bytes = head;
        bytes.resize(4096, '\0');
        list.add("unsupported-" + name, bytes);
    }
    std::uniform_int_distribution<int> byte(0, 255);
    for (int i = 0; i < 4; ++i) {
        std::string bytes(4096, '\0');
        for (auto& b : bytes) b = char(byte(rng));
        bytes[0] = 'x';  // never a frame sync or a container magic by chance
        list.add("random-bytes-" + std::to_string(i), bytes);
    }
    list.addSpecial("directory-named-wav", {"clip.wav", "", InputFile::Type::Directory}, "clip.wav");
    list.addSpecial("fifo-named-wav", {"clip.wav", "", InputFile::Type::Fifo}, "clip.wav");
    list.addSpecial("dangling-symlink", {"clip.wav", "nowhere.wav", InputFile::Type::Symlink}, "clip.wav");
    list.addSpecial("symlink-loop", {"clip.wav", "clip.wav", InputFile::Type::Symlink}, "clip.wav");
    list.addSpecial("missing-file", {"other.wav", wavBytes(baseWav())}, "clip.wav");
    list.addSpecial("dev-zero", {"unused", ""}, "/dev/zero");
    list.addSpecial("dev-null", {"unused", ""}, "/dev/null");
}

}  // namespace

std::vector<RobustCase> audioCases(std::mt19937& rng, const std::string& scratch)
{
    AudioCaseList list;
    list.control("control-wav16", wavBytes(baseWav()), "clip.wav");
    list.control("control-flac", sndfileBytes(scratch, SF_FORMAT_FLAC | SF_FORMAT_PCM_16, tone(kRate, 1, kRate), 1, kRate),
                 "clip.flac");
    truncations(list, rng, scratch);
    wrongHeaders(list);
    degenerate(list);
    nonFinite(list, scratch);
    hugeClaims(list, scratch);
    otherFormats(list, rng);
    return list.cases;
}

}  // namespace sb::robust
