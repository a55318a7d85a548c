// The setting names of medsec-unvalidated-setting: identifiers split into
// words, and the catalogue's patterns judged on those words (rules/checks/
// medsec-unvalidated-setting.yaml, as shipped).
#include "../../checks/support/taint/TaintConfig.h"
#include "../../rules/loader/Catalogue.h"

#include <gtest/gtest.h>

using namespace clang::tidy::medsec::taint;

TEST(SettingNames, IdentifiersSplitIntoLowerCaseWords) {
  EXPECT_EQ(identifierWords("basal_rate"), "basal_rate");
  EXPECT_EQ(identifierWords("maxPressure"), "max_pressure");
  EXPECT_EQ(identifierWords("MAX_PRESSURE"), "max_pressure");
  EXPECT_EQ(identifierWords("peep_cmH2O"), "peep_cm_h2_o");
  EXPECT_EQ(identifierWords("uart2Rx"), "uart2_rx");
  EXPECT_EQ(identifierWords("PEEPLimit"), "peep_limit");
  EXPECT_EQ(identifierWords("g__rate_"), "g_rate");
  EXPECT_EQ(identifierWords("kTargetRPM2"), "k_target_rpm2");
  EXPECT_EQ(identifierWords("separate"), "separate");
  EXPECT_EQ(identifierWords(""), "");
}

namespace {
const SettingRules &shippedRules() {
  static std::shared_ptr<const TaintConfig> Cfg = [] {
    std::vector<medsec::rules::Problem> Problems;
    static auto Cat = medsec::rules::loadCatalogue(std::string(MEDSEC_SOURCE_DIR) + "/rules", {},
                                                   Problems);
    EXPECT_TRUE(Problems.empty());
    return taintConfigFor(*Cat);
  }();
  return Cfg->Settings;
}
} // namespace

TEST(SettingNames, TherapyAndActuatorWordsNameSettings) {
  const SettingRules &R = shippedRules();
  for (const char *N : {"basal_rate", "maxPressure", "peep_cmH2O", "tidalVolume", "bolus_dose_ul",
                        "flow_setpoint", "occlusion_limit_mmhg", "kp_gain", "TargetTemp",
                        "apnea_threshold", "RATES"})
    EXPECT_TRUE(R.namesSetting(N)) << N;
}

TEST(SettingNames, LettersCommunicationMeasurementsAndSizesDoNot) {
  const SettingRules &R = shippedRules();
  for (const char *N : {"separate", "iterate", "generate", "pressured", "flowControl",
                        "uart_flow_ctrl", "baud_rate", "sampleRate", "frame_rate",
                        "measured_pressure", "heartRate", "raw_flow", "target_addr", "rx_limit",
                        "buf_limit", "targetId", "retry_limit", "adc_gain"})
    EXPECT_FALSE(R.namesSetting(N)) << N;
}

TEST(SettingNames, QualifierOnlyNamesDeferToTheirParent) {
  const SettingRules &R = shippedRules();
  EXPECT_TRUE(R.qualifierOnly("value"));
  EXPECT_TRUE(R.qualifierOnly("max"));
  EXPECT_TRUE(R.qualifierOnly("maxValue"));
  EXPECT_FALSE(R.qualifierOnly("max_rate"));
  EXPECT_FALSE(R.qualifierOnly(""));
  EXPECT_TRUE(R.namesSetting("peep_value"));
}
