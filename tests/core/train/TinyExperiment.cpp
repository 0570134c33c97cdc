#include "tests/core/train/TinyExperiment.h"

namespace sb::test {

ExperimentConfig tinyExperiment(const std::string& datasetFolder, const std::string& name)
{
    ExperimentConfig c;
    c.name = name;
    c.threads = 1;
    c.dataset.path = datasetFolder;
    c.dataset.split = 100;
    auto frozen = paperTeacher("ssl_frozen", "frozen", std::string(SCENEBENCH_TEST_DATA) + "/reference/beats_tiny.pt");
    frozen.epochs = 4;
    frozen.batchSize = 16;
    c.teachers = {frozen};
    c.student.width = 16;
    c.student.depth = 16;
    c.student.mels = 64;
    c.student.epochs = 4;
    c.student.batchSize = 32;
    c.student.alsoWithoutKd = true;
    c.student.augment.deviceIrP = 0;  // no impulse responses here (tst_experiment_runner covers them)
    return c;
}

}  // namespace sb::test
