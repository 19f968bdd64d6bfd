#pragma once
// Village collectives (村集体经济组织). Every real administrative village of the
// region is simulated whatever the scale: collective finances are in real yuan,
// while the members living there are a sample of the real residents.
#include <cstdint>
#include <vector>

namespace prosim {

struct Villages {
  std::vector<std::int32_t> settlement;
  std::vector<std::int32_t> county;
  std::vector<double> assets;             // collective assets (land, buildings, shares), yuan
  std::vector<double> asset_yield;        // operating income per yuan of assets per year
  std::vector<double> cash;               // reserve fund and undistributed cash (an account), yuan
  std::vector<double> operating_income;   // this month, yuan
  std::vector<double> subsidy_income;     // this month, transfers from the county, yuan
  std::vector<double> investment_returns; // this month, returns on the village's investments outside it (policies), yuan
  std::vector<double> dividends;          // paid to members this month, yuan (real units)
  std::vector<double> operating_ytd, total_ytd, dividends_ytd;  // since January
  std::vector<double> operating_last_year, total_last_year, dividends_last_year;
  std::vector<std::uint8_t> weak;         // below the total/operating thresholds last year
  std::vector<std::int32_t> members;      // simulated persons living there now
  std::vector<std::int32_t> initial_members;
  std::vector<std::int32_t> registered_members;  // real members (for dividends per member)

  std::size_t size() const { return settlement.size(); }
  void resize(std::size_t n);
};

}  // namespace prosim
