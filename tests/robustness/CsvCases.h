#pragma once
// Bad dataset lists (meta.csv, evaluation_setup/fold1_*.csv, splitN.csv): wrong
// separators, missing columns, byte-order marks, CR/CRLF line ends, invalid UTF-8,
// duplicated rows, unknown files, broken splits. Each case is a small valid TAU22-layout
// dataset with one defect in one list; the loader must name that file and line.
#include "RobustCase.h"

#include <random>
#include <string>
#include <vector>

namespace sb::robust {

// `audioFolder`: a folder holding an audio file for every clip of the base dataset
// (see baseAudioFiles); each case links its audio/ to it. Includes a control.
std::vector<RobustCase> csvCases(std::mt19937& rng, const std::string& audioFolder);

// The clip file names ("airport-barcelona-100-1000-0-a.wav", ...) the base dataset lists.
std::vector<std::string> baseAudioFiles();

}  // namespace sb::robust
