output "asg_name" {
  description = "The web Auto Scaling group (GAMEDAY_ASG_NAME)"
  value       = aws_autoscaling_group.web.name
}

output "az" {
  description = "The zone the AZ-outage scenario takes out (GAMEDAY_AZ)"
  value       = local.azs[0]
}

output "load_balancer_dns" {
  description = "Where the web tier answers"
  value       = aws_lb.shop.dns_name
}

output "oncall_topic_arn" {
  description = "Subscribe the pager here: every alarm notifies it"
  value       = aws_sns_topic.oncall.arn
}

output "gameday_env" {
  description = "Environment for the scenarios: export these, then run gameday play scenarios/x.json"
  value = {
    GAMEDAY_ASG_NAME        = aws_autoscaling_group.web.name
    GAMEDAY_AZ              = local.azs[0]
    GAMEDAY_ERROR_ALARM     = aws_cloudwatch_metric_alarm.web_high_5xx.alarm_name
    GAMEDAY_ALARM_NAME      = aws_cloudwatch_metric_alarm.web_high_5xx.alarm_name
    GAMEDAY_TASKS_ALARM     = aws_cloudwatch_metric_alarm.checkout_tasks_low.alarm_name
    GAMEDAY_ECS_CLUSTER     = aws_ecs_cluster.shop.name
    GAMEDAY_ECS_SERVICE     = aws_ecs_service.checkout.name
    GAMEDAY_ECS_DESIRED     = tostring(var.checkout_desired)
    GAMEDAY_ECS_CLUSTER_EC2 = aws_ecs_cluster.ops.name
    GAMEDAY_ECS_SERVICE_EC2 = aws_ecs_service.reporting.name
    GAMEDAY_BATCH_TEAM      = "data"
    AWS_REGION              = var.region
  }
}
