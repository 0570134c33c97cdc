#include "core/data/SubsetChoice.h"

#include "core/common/Dcase.h"
#include "core/common/Error.h"
#include "core/data/NestedSubset.h"

#include <algorithm>
#include <numeric>
#include <sstream>

namespace sb {

SubsetChoice SubsetChoice::official(int percent)
{
    SubsetChoice c;
    c.kind = Kind::Official;
    c.officialPercent = percent;
    return c;
}

SubsetChoice SubsetChoice::custom(double percent, uint64_t seed)
{
    SubsetChoice c;
    c.kind = Kind::Custom;
    c.customPercent = percent;
    c.seed = seed;
    return c;
}

SubsetChoice SubsetChoice::test()
{
    SubsetChoice c;
    c.kind = Kind::Test;
    return c;
}

SubsetChoice SubsetChoice::all()
{
    SubsetChoice c;
    c.kind = Kind::All;
    return c;
}

static std::string fileOf(const DatasetIndex& index, const std::string& list)
{
    const auto it = index.listFiles.find(list);
    return it == index.listFiles.end() ? list : it->second;
}

static Selection officialSplit(const DatasetIndex& index, int percent)
{
    if (std::find(dcase::kSplitPercents.begin(), dcase::kSplitPercents.end(), percent) == dcase::kSplitPercents.end())
        throw Error("official splits are 5, 10, 25, 50 and 100 percent, not " + std::to_string(percent), "split");
    std::string list = lists::split(percent);
    // split100 is the whole training fold; fold1_train.csv stands in for it.
    if (!index.hasList(list) && percent == 100 && index.hasList(lists::kTrain)) list = lists::kTrain;
    if (!index.hasList(list)) throw Error("no " + list + ".csv in this dataset", index.root);
    return {index.list(list), "official split " + std::to_string(percent) + "% (" + fileOf(index, list) + ")", list};
}

Selection selectClips(const DatasetIndex& index, const SubsetChoice& choice)
{
    switch (choice.kind) {
    case SubsetChoice::Kind::Official: return officialSplit(index, choice.officialPercent);
    case SubsetChoice::Kind::Custom: {
        const std::string pool = index.trainingPoolName();
        if (pool.empty()) throw Error("no training list (split100.csv, fold1_train.csv or splitN.csv) to draw from", index.root);
        std::ostringstream d;
        d << "custom " << choice.customPercent << "% of " << fileOf(index, pool) << ", seed " << choice.seed
          << " (stratified by scene x device, nested)";
        return {nestedStratifiedSubset(index.clips, index.list(pool), choice.customPercent, choice.seed), d.str(), pool};
    }
    case SubsetChoice::Kind::Test: {
        const std::string test = index.testListName();
        if (test.empty()) throw Error("no test list (evaluation_setup/fold1_evaluate.csv or test.csv)", index.root);
        return {index.list(test), "test (" + fileOf(index, test) + ")", test};
    }
    case SubsetChoice::Kind::All: break;
    }
    std::vector<size_t> everything(index.clips.size());
    std::iota(everything.begin(), everything.end(), size_t(0));
    return {everything, "every listed clip", ""};
}

}  // namespace sb
