// The generator's vocabulary: industries, company names in Chinese and English, owners.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "gen_random.hpp"

namespace strata::gen {

constexpr std::array<std::string_view, 7> kIndustries = {
    "ict", "manufacturing", "retail", "education", "logistics", "healthcare", "other"};
// Cumulative weights (per mille) of the industries above.
constexpr std::array<unsigned, 7> kIndustryCumulative = {220, 420, 620, 720, 820, 920, 1000};

constexpr std::array<std::string_view, 16> kCities = {
    "北京", "上海", "深圳", "广州", "杭州", "成都", "武汉", "南京",
    "苏州", "西安", "天津", "重庆", "青岛", "厦门", "长沙", "宁波"};
constexpr std::array<std::string_view, 32> kSyllables = {
    "华", "腾", "瑞", "鑫", "恒", "达", "信", "安", "宏", "远", "泰", "博", "创", "智", "联", "新",
    "嘉", "盛", "通", "海", "天", "云", "星", "中", "汇", "德", "润", "佳", "优", "凯", "航", "邦"};
// Business words by industry, in kIndustries order.
constexpr std::array<std::array<std::string_view, 3>, 7> kChineseTrades = {{
    {"科技", "信息技术", "网络科技"},
    {"机械制造", "精密工业", "电子"},
    {"商贸", "百货", "零售连锁"},
    {"教育科技", "培训学校", "文化教育"},
    {"物流", "供应链管理", "货运代理"},
    {"医疗器械", "健康科技", "医药"},
    {"实业", "文化传媒", "咨询"},
}};
constexpr std::array<std::string_view, 4> kChineseSuffixes = {"有限公司", "股份有限公司",
                                                              "有限责任公司", "集团有限公司"};

constexpr std::array<std::string_view, 16> kBrands = {
    "Acme",    "Northwind", "Contoso", "Fabrikam",   "Summit", "Pioneer", "Evergreen", "Bluewave",
    "Redwood", "Lakeside",  "Orion",   "Silverline", "Harbor", "Apex",    "Granite",   "Sunrise"};
constexpr std::array<std::array<std::string_view, 2>, 7> kEnglishTrades = {{
    {"Systems", "Software"},
    {"Manufacturing", "Industries"},
    {"Retail", "Stores"},
    {"Learning", "Academy"},
    {"Logistics", "Freight"},
    {"Health", "Medical"},
    {"Holdings", "Consulting"},
}};
// Several suffixes contain a comma, so names exercise CSV quoting.
constexpr std::array<std::string_view, 5> kEnglishSuffixes = {"Ltd", "Inc.", "Co., Ltd.", "Group",
                                                              "Pte. Ltd."};
constexpr std::array<std::string_view, 6> kSurnames = {"Smith", "Chen", "Wang",
                                                       "Jones", "Li",   "Garcia"};

constexpr std::array<std::string_view, 20> kOwners = {
    "张伟",       "王芳",     "李娜",      "刘洋",        "陈静",      "杨磊",    "赵敏",
    "黄强",       "周杰",     "吴婷",      "徐明",        "孙丽",      "马超",    "朱琳",
    "Alice Wang", "Bob Chen", "Carol Liu", "David Zhang", "Emma Zhou", "Frank Wu"};

// NPS answers lean positive, as survey answers do (cumulative per mille for 0..10).
constexpr std::array<unsigned, 11> kNpsCumulative = {20,  40,  65,  95,  135, 200,
                                                     280, 420, 620, 830, 1000};

inline std::size_t pick_cumulative(Rng& rng, const auto& cumulative) {
  const auto roll = static_cast<unsigned>(rng.below(1000));
  std::size_t i = 0;
  while (roll >= cumulative[i]) ++i;
  return i;
}

inline void make_name(Rng& rng, std::size_t industry, std::string& out) {
  out.clear();
  const auto roll = rng.below(1000);
  if (roll < 700) {  // 深圳市华腾科技有限公司
    out += rng.pick(kCities);
    if (rng.chance(600)) out += "市";
    out += rng.pick(kSyllables);
    out += rng.pick(kSyllables);
    out += kChineseTrades[industry][rng.below(3)];
    out += rng.pick(kChineseSuffixes);
  } else if (roll < 940) {  // Northwind Logistics Co., Ltd.
    out += rng.pick(kBrands);
    out += ' ';
    out += kEnglishTrades[industry][rng.below(2)];
    out += ' ';
    out += rng.pick(kEnglishSuffixes);
  } else if (roll < 975) {  // Smith, Chen & Partners
    out += rng.pick(kSurnames);
    out += ", ";
    out += rng.pick(kSurnames);
    out += " & Partners";
  } else {  // The "Orion" Trading Company / 华腾 "Star" 商贸有限公司
    if (rng.chance(500)) {
      out += "The \"";
      out += rng.pick(kBrands);
      out += "\" ";
      out += kEnglishTrades[industry][rng.below(2)];
      out += " Company";
    } else {
      out += rng.pick(kSyllables);
      out += rng.pick(kSyllables);
      out += " \"";
      out += rng.pick(kBrands);
      out += "\" ";
      out += kChineseTrades[industry][rng.below(3)];
      out += rng.pick(kChineseSuffixes);
    }
  }
}

}  // namespace strata::gen
